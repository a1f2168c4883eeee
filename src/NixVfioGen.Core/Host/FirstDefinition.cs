using NixVfioGen.Installed;
using NixVfioGen.Model;
using NixVfioGen.Shell;

namespace NixVfioGen.Host;

/// <summary>What a user runs once, as root, when the module does not define the domain itself.</summary>
public static class FirstDefinition
{
    /// <summary>The qemu-img command that creates the system disk; none for a block device, which is the user's own disk.</summary>
    public static string? CreateDisk(HostPath disk, DiskSize size) => DiskFormats.Of(disk) switch
    {
        DiskFormat.BlockDevice => null,
        var format => $"qemu-img create -f {format.QemuName()} {ShellWords.QuoteIfNeeded(disk.Value)} {size.QemuImgSize}",
    };

    /// <summary>The disk's creation (when it is a file) and the definition.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="xmlFile">The domain file to define; the module's /etc copy when null.</param>
    public static IReadOnlyList<string> Commands(DomainOptions domain, string? xmlFile = null) =>
    [
        .. CreateDisk(domain.Disk, domain.DiskSize) is { } create ? [create] : Array.Empty<string>(),
        Define(xmlFile ?? InstalledFiles.Domain(domain.Name).Path),
    ];

    public static string Define(string xmlFile) => LibvirtSystem.Virsh("define " + ShellWords.QuoteIfNeeded(xmlFile));
}
