using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>The user who runs VMs and the Looking Glass client joins the groups that needs.</summary>
public static class UsersFeature
{
    public static ModuleContribution For(HostOptions options, ModuleDomain? domain) => options.User is { } user
        ? new[] { new NixBinding(["users", "users", user.Value, "extraGroups"], Strings(InstalledGroups.ForUser)) }
        : ModuleContribution.None;
}
