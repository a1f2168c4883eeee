using System.Globalization;
using System.Text;

namespace NixVfioGen.Iommu;

/// <summary>Device lines in the shape of the classic loop over iommu_groups piped to <c>lspci -nns</c>.</summary>
public static class LspciFormat
{
    /// <summary><c>IOMMU Group 23 23:00.0 VGA compatible controller [0300]: Vendor Device [1002:67df] (rev c7)</c>.</summary>
    public static string Line(int group, PciFunction function, PciIdsDatabase names) =>
        $"IOMMU Group {group} {ShortAddress(function)} {Describe(function, names)}";

    /// <summary>What lspci -nn prints after the address: class, names, ids and revision.</summary>
    public static string Describe(PciFunction function, PciIdsDatabase names)
    {
        var builder = new StringBuilder();
        builder.Append(ClassName(function, names)).Append(": ");
        builder.Append(DeviceName(function, names));
        if (function.Revision is { } revision and not 0)
        {
            builder.Append(" (rev ").Append(revision.ToString("x2", CultureInfo.InvariantCulture)).Append(')');
        }
        return builder.ToString();
    }

    /// <summary>lspci omits the domain when it is 0000.</summary>
    public static string ShortAddress(PciFunction function) =>
        function.Address.Domain == 0 ? function.Address.ToString()[5..] : function.Address.ToString();

    public static string ClassName(PciFunction function, PciIdsDatabase names)
    {
        if (function.ClassCode is not { } code)
        {
            return "Unknown class [????]";
        }
        return $"{names.ClassName(code) ?? "Class"} [{function.ClassHex}]";
    }

    public static string DeviceName(PciFunction function, PciIdsDatabase names)
    {
        if (function.Id is not { } id)
        {
            return "Device [????:????]";
        }
        var vendorName = names.Vendor(id);
        return vendorName is null ? $"Device [{id}]" : $"{vendorName} {names.Device(id) ?? "Device"} [{id}]";
    }
}
