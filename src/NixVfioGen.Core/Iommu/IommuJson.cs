using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NixVfioGen.Iommu;

/// <summary>The list-iommu report as structured data, serialised by source-generated JSON (no reflection).</summary>
public static partial class IommuJson
{
    /// <param name="Groups">The IOMMU groups; none when the IOMMU is off.</param>
    /// <param name="Gpus">The display controllers and their verdicts.</param>
    /// <param name="Problem">Why there are no groups, when there are none.</param>
    /// <param name="Tuning">With --suggest: pinning and memory for this host.</param>
    public sealed record Report(
        IReadOnlyList<Group> Groups,
        IReadOnlyList<Gpu> Gpus,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Problem = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Tuning? Tuning = null);

    /// <param name="Cpus">How many CPUs the host has.</param>
    /// <param name="Options">The options to add to the command; empty when there are none.</param>
    /// <param name="Why">The reasons, or why there is nothing to add.</param>
    public sealed record Tuning(int Cpus, string Options, string Why);

    public sealed record Group(int Number, IReadOnlyList<Device> Devices);

    public sealed record Device(
        string Address, string? Id, string? Class, string? ClassName, string? VendorName, string? DeviceName,
        string? Revision, string? Subsystem, string? SubsystemName, string? Driver, IReadOnlyList<string> Problems);

    /// <summary>A GPU; with the IOMMU off its group and isolation are unknown (null).</summary>
    public sealed record Gpu(
        string Address, int? Group, bool? Isolated, IReadOnlyList<string> SlotFunctions, IReadOnlyList<string> SharedWith,
        IReadOnlyList<string> IdenticalElsewhere, string BindBy, string? Command);

    private static readonly ReportContext Context = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Serialize(IommuAnalysis analysis, PciIdsDatabase names, Func<Suggestion, string> command, Tuning? tuning = null) =>
        Serialize(ToReport(analysis, names, command) with { Tuning = tuning });

    /// <summary>With the IOMMU off: the display controllers of the bus, the problem, and still a command for each.</summary>
    public static string SerializeBus(IReadOnlyList<PciFunction> bus, PciIdsDatabase names, Func<Suggestion, string> command, string problem, Tuning? tuning = null) =>
        Serialize(new Report(
            [],
            IommuOffReport.Gpus(bus).Select(gpu => new Gpu(
                gpu.Gpu.Address.ToString(), null, null, gpu.Slot.Select(f => f.Address.ToString()).ToArray(), [], [], "ids",
                gpu.Suggestion is { } suggestion ? command(suggestion) : null)).ToArray(),
            problem,
            tuning));

    private static string Serialize(Report report) => JsonSerializer.Serialize(report, Context.Report) + "\n";

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
