using NixVfioGen.Model;
using NixVfioGen.Nix;
using static NixVfioGen.Nix.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>The user who runs VMs and the Looking Glass client joins the groups that needs.</summary>
public static class UsersFeature
{
    /// <summary>libvirt access, /dev/kvm, and the Looking Glass shared memory's group.</summary>
    public static IReadOnlyList<string> Groups { get; } = ["libvirtd", "kvm", "qemu-libvirtd"];

    public static ModuleContribution For(HostOptions options) => options.User is { } user
        ? new[] { new NixBinding(["users", "users", user.Value, "extraGroups"], Strings(Groups)) }
        : ModuleContribution.None;
}
