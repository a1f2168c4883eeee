using NixVfioGen.Host;
using NixVfioGen.Installed;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>The stderr hint for a module generated without --user.</summary>
internal static class UserNote
{
    public static readonly string Text =
        $"nix-vfio-gen: note: no --user given; add your user to the groups {string.Join(", ", InstalledGroups.ForUser.SkipLast(1))} and {InstalledGroups.ForUser[^1]} to run VMs and Looking Glass";

    public static void WriteIfMissing(CliEnvironment environment, HostOptions options)
    {
        if (options.User is null)
        {
            environment.Error.WriteLine(Text);
        }
    }
}
