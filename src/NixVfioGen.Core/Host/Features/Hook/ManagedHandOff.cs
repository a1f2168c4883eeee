using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features.Hook;

/// <summary>
/// <c>--bind-at vm-start</c> with another GPU for the host: the GPU's hostdevs are managed, so libvirt itself
/// moves the functions from their host driver to vfio-pci and back; the hook only makes sure vfio-pci is loaded.
/// </summary>
public static class ManagedHandOff
{
    public static HookPart Part { get; } = new(
        [ShellTool.Modprobe],
        [],
        [
            "# libvirt's managed hostdevs move the functions from their host driver to vfio-pci and back.",
            "if \"$modprobe\" vfio-pci; then",
            "  log \"handing ${functions[*]} to the guest\"",
            "else",
            "  log 'vfio-pci did not load; libvirt cannot hand the GPU over'",
            "fi",
        ],
        ["log \"${functions[*]} back with the host\""],
        ReadsHost: false);
}
