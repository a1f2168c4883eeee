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

    public static string Serialize(IommuAnalysis analysis, PciIdsDatabase names, Func<Suggestion, string> command) =>
        JsonSerializer.Serialize(ToReport(analysis, names, command), Context.Report) + "\n";

    public static Report ToReport(IommuAnalysis analysis, PciIdsDatabase names, Func<Suggestion, string> command) => new(
        analysis.Groups.Select(g => new Group(g.Number, g.Functions.Select(f => ToDevice(f, names)).ToArray())).ToArray(),
        analysis.Gpus.Select(gpu => new Gpu(
            gpu.Gpu.Address.ToString(),
            gpu.Group,
            gpu.Isolated,
            gpu.SlotFunctions.Select(f => f.Address.ToString()).ToArray(),
            gpu.SharedWith.Select(f => f.Address.ToString()).ToArray(),
            gpu.IdenticalElsewhere.Select(f => f.Address.ToString()).ToArray(),
            gpu.NeedsBindByAddress ? "address" : "ids",
            gpu.Isolated && gpu.Suggestion is { } suggestion ? command(suggestion) : null)).ToArray());

    private static Device ToDevice(PciFunction function, PciIdsDatabase names)
    {
        var id = function.Id;
        return new Device(
            function.Address.ToString(),
            id?.ToString(),
            function.ClassHex,
            function.ClassCode is { } code ? names.ClassName(code) : null,
            id is null ? null : names.Vendor(id),
            id is null ? null : names.Device(id),
            function.Revision?.ToString("x2", CultureInfo.InvariantCulture),
            function.Subsystem?.ToString(),
            id is not null && function.Subsystem is { } subsystem ? names.Subsystem(id, subsystem) : null,
            function.Driver,
            function.Problems);
    }

    [JsonSerializable(typeof(Report))]
    private sealed partial class ReportContext : JsonSerializerContext;
}
