using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NixVfioGen.Iommu;

/// <summary>The list-iommu report as structured data, serialised by source-generated JSON (no reflection).</summary>
public static partial class IommuJson
{
    public sealed record Report(IReadOnlyList<Group> Groups, IReadOnlyList<Gpu> Gpus);

    public sealed record Group(int Number, IReadOnlyList<Device> Devices);

    public sealed record Device(
        string Address, string? Id, string? Class, string? ClassName, string? VendorName, string? DeviceName,
        string? Revision, string? Subsystem, string? SubsystemName, string? Driver, IReadOnlyList<string> Problems);

    public sealed record Gpu(
        string Address, int Group, bool Isolated, IReadOnlyList<string> SlotFunctions, IReadOnlyList<string> SharedWith,
        IReadOnlyList<string> IdenticalElsewhere, string BindBy, string? Command);

    private static readonly ReportContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(IommuAnalysis analysis, PciIdsDatabase names) =>
        JsonSerializer.Serialize(ToReport(analysis, names), Context.Report) + "\n";

    public static Report ToReport(IommuAnalysis analysis, PciIdsDatabase names) => new(
        analysis.Groups.Select(g => new Group(g.Number, g.Functions.Select(f => ToDevice(f, names)).ToArray())).ToArray(),
        analysis.Gpus.Select(gpu => new Gpu(
            gpu.Gpu.Address.ToString(),
            gpu.Group,
            gpu.Isolated,
            gpu.SlotFunctions.Select(f => f.Address.ToString()).ToArray(),
            gpu.SharedWith.Select(f => f.Address.ToString()).ToArray(),
            gpu.IdenticalElsewhere.Select(f => f.Address.ToString()).ToArray(),
            gpu.NeedsBindByAddress ? "address" : "ids",
            gpu.Isolated ? gpu.SuggestedCommand : null)).ToArray());

    private static Device ToDevice(PciFunction function, PciIdsDatabase names)
    {
        int? vendor = function.Id is { } id ? Convert.ToInt32(id.Vendor, 16) : null;
        int? device = function.Id is { } id2 ? Convert.ToInt32(id2.Device, 16) : null;
        string? subsystemName = null;
        if (vendor is { } v && device is { } d && function.Subsystem is { } sub)
        {
            subsystemName = names.Subsystem(v, d, Convert.ToInt32(sub.Vendor, 16), Convert.ToInt32(sub.Device, 16));
        }
        return new Device(
            function.Address.ToString(),
            function.Id?.ToString(),
            function.ClassHex,
            function.ClassCode is { } code ? names.Subclass(code >> 16, (code >> 8) & 0xff) ?? names.Class(code >> 16) : null,
            vendor is { } vv ? names.Vendor(vv) : null,
            vendor is { } vd && device is { } dd ? names.Device(vd, dd) : null,
            function.Revision?.ToString("x2", CultureInfo.InvariantCulture),
            function.Subsystem?.ToString(),
            subsystemName,
            function.Driver,
            function.Problems);
    }

    [JsonSerializable(typeof(Report))]
    private sealed partial class ReportContext : JsonSerializerContext;
}
