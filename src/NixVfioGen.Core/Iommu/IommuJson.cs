using System.Globalization;
using System.Text.Json;
using NixVfioGen.Json;

namespace NixVfioGen.Iommu;

/// <summary>The list-iommu report as structured data: camelCase members in declaration order, nulls written (absent <c>problem</c>, <c>tuning</c> and a GPU's <c>noCommand</c> left out).</summary>
public static class IommuJson
{
    /// <param name="Groups">The IOMMU groups; none when the IOMMU is off.</param>
    /// <param name="Gpus">The display controllers and their verdicts.</param>
    /// <param name="Problem">Why there are no groups, when there are none.</param>
    /// <param name="Tuning">With --suggest: pinning and memory for this host.</param>
    public sealed record Report(
        IReadOnlyList<Group> Groups,
        IReadOnlyList<Gpu> Gpus,
        string? Problem = null,
        Tuning? Tuning = null);

    /// <param name="Cpus">How many CPUs the host has.</param>
    /// <param name="Options">The options to add to the command; empty when there are none.</param>
    /// <param name="Why">The reasons, or why there is nothing to add.</param>
    public sealed record Tuning(int Cpus, string Options, string Why);

    public sealed record Group(int Number, IReadOnlyList<Device> Devices);

    public sealed record Device(
        string Address, string? Id, string? Class, string? ClassName, string? VendorName, string? DeviceName,
        string? Revision, string? Subsystem, string? SubsystemName, string? Driver, IReadOnlyList<string> Problems);

    /// <summary>
    /// A GPU; with the IOMMU off its group and isolation are unknown (null). NoCommand says why Command is
    /// null and is left out when there is a command (added last, so readers of the earlier shape are unaffected).
    /// </summary>
    public sealed record Gpu(
        string Address, int? Group, bool? Isolated, IReadOnlyList<string> SlotFunctions, IReadOnlyList<string> SharedWith,
        IReadOnlyList<string> IdenticalElsewhere, string BindBy, string? Command, string? NoCommand = null);

    public static string Serialize(IommuAnalysis analysis, PciIdsDatabase names, Func<Suggestion, string> command, Tuning? tuning = null) =>
        Serialize(ToReport(analysis, names, command) with { Tuning = tuning });

    /// <summary>With the IOMMU off: the display controllers of the bus, the problem, and still a command for each.</summary>
    public static string SerializeBus(IReadOnlyList<PciFunction> bus, PciIdsDatabase names, Func<Suggestion, string> command, string problem, Tuning? tuning = null) =>
        Serialize(new Report(
            [],
            IommuOffReport.Gpus(bus).Select(gpu => new Gpu(
                gpu.Gpu.Address.ToString(), null, null, gpu.Slot.Select(f => f.Address.ToString()).ToArray(), [], [], "ids",
                gpu.Suggestion is { } suggestion ? command(suggestion) : null, gpu.NoCommand)).ToArray(),
            problem,
            tuning));

    private static string Serialize(Report report) => IndentedJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("groups");
        foreach (var group in report.Groups)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", group.Number);
            writer.WriteStartArray("devices");
            foreach (var device in group.Devices)
            {
                Write(writer, device);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("gpus");
        foreach (var gpu in report.Gpus)
        {
            Write(writer, gpu);
        }
        writer.WriteEndArray();
        if (report.Problem is { } problem)
        {
            writer.WriteString("problem", problem);
        }
        if (report.Tuning is { } tuning)
        {
            writer.WriteStartObject("tuning");
            writer.WriteNumber("cpus", tuning.Cpus);
            writer.WriteString("options", tuning.Options);
            writer.WriteString("why", tuning.Why);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    });

    private static void Write(Utf8JsonWriter writer, Device device)
    {
        writer.WriteStartObject();
        writer.WriteString("address", device.Address);
        writer.WriteNullable("id", device.Id);
        writer.WriteNullable("class", device.Class);
        writer.WriteNullable("className", device.ClassName);
        writer.WriteNullable("vendorName", device.VendorName);
        writer.WriteNullable("deviceName", device.DeviceName);
        writer.WriteNullable("revision", device.Revision);
        writer.WriteNullable("subsystem", device.Subsystem);
        writer.WriteNullable("subsystemName", device.SubsystemName);
        writer.WriteNullable("driver", device.Driver);
        writer.WriteStrings("problems", device.Problems);
        writer.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter writer, Gpu gpu)
    {
        writer.WriteStartObject();
        writer.WriteString("address", gpu.Address);
        writer.WriteNullable("group", gpu.Group);
        writer.WriteNullable("isolated", gpu.Isolated);
        writer.WriteStrings("slotFunctions", gpu.SlotFunctions);
        writer.WriteStrings("sharedWith", gpu.SharedWith);
        writer.WriteStrings("identicalElsewhere", gpu.IdenticalElsewhere);
        writer.WriteString("bindBy", gpu.BindBy);
        writer.WriteNullable("command", gpu.Command);
        if (gpu.NoCommand is { } why)
        {
            writer.WriteString("noCommand", why);
        }
        writer.WriteEndObject();
    }

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
            gpu.Isolated && gpu.Suggestion is { } suggestion ? command(suggestion) : null,
            gpu.NoCommand)).ToArray());

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
}
