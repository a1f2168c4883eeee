using NixVfioGen.Model;

namespace NixVfioGen.Iommu;

/// <summary>One PCI function as sysfs describes it; any attribute that could not be read is null and named in Problems.</summary>
public sealed record PciFunction(
    PciAddress Address,
    PciId? Id,
    int? ClassCode,
    int? Revision,
    PciId? Subsystem,
    string? Driver,
    IReadOnlyList<string> Problems,
    bool BootVga = false)
{
    /// <summary>Class 0x0600: a host bridge, whose vendor is the CPU platform's (Intel or AMD).</summary>
    public bool IsHostBridge => ClassCode >> 8 == 0x0600;

    /// <summary>Base class 0x03: VGA, XGA, 3D and other display controllers.</summary>
    public bool IsDisplayController => ClassCode >> 16 == 0x03;

    /// <summary>The CPU's integrated Intel graphics, for which no command is offered (see <see cref="IntegratedGraphics"/>).</summary>
    public bool IsIntegratedIntelGraphics => IntegratedGraphics.Is(this);

    /// <summary>Class 0x0604: a PCI-to-PCI bridge, which passthrough does not need to take along.</summary>
    public bool IsPciBridge => ClassCode >> 8 == 0x0604;

    /// <summary>The class and subclass as lspci prints them in brackets, e.g. 0300.</summary>
    public string? ClassHex => ClassCode is { } code ? (code >> 8).ToString("x4", System.Globalization.CultureInfo.InvariantCulture) : null;
}
