using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NixVfioGen.Model;

namespace NixVfioGen.Doctor;

/// <summary>doctor's findings as a person reads them (one line each, the fix under it) or as JSON.</summary>
public static class DoctorReport
{
    public static bool AnyFailed(IReadOnlyList<Finding> findings) => findings.Any(finding => finding.Verdict == Verdict.Fail);

    public static string Text(IReadOnlyList<Finding> findings, DomainName? vm)
    {
        var text = new StringBuilder();
        foreach (var finding in findings)
        {
            text.Append(Label(finding.Verdict).PadRight(6)).Append(finding.Check).Append(": ").Append(finding.Detail).Append('\n');
            if (finding.Fix is { } fix)
            {
                text.Append("      fix: ").Append(fix).Append('\n');
            }
        }
        var failed = findings.Count(finding => finding.Verdict == Verdict.Fail);
        var warnings = findings.Count(finding => finding.Verdict == Verdict.Warn);
        text.Append('\n').Append($"{failed} failed, {warnings} {(warnings == 1 ? "warning" : "warnings")}, {findings.Count - failed - warnings} ok\n");
        if (failed == 0 && vm is { } name)
        {
            text.Append("Nothing stands in the way: ").Append(Host.LibvirtSystem.Virsh("start " + name.Value)).Append(", then looking-glass-client\n");
        }
        else if (failed > 0)
        {
            text.Append("Fix the first FAIL first: later checks often follow from it.\n");
        }
        return text.ToString();
    }

    public static string Json(IReadOnlyList<Finding> findings) =>
        JsonSerializer.Serialize(
            new JsonReport(
                findings.Select(finding => new JsonFinding(Label(finding.Verdict).ToLowerInvariant(), finding.Check, finding.Detail, finding.Fix)).ToArray(),
                findings.Count(finding => finding.Verdict == Verdict.Fail),
                findings.Count(finding => finding.Verdict == Verdict.Warn)),
            ReportContext.JsonReport) + "\n";

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.Warn => "warn",
        _ => "FAIL",
    };

    internal sealed record JsonFinding(string Verdict, string Check, string Detail, string? Fix);

    internal sealed record JsonReport(IReadOnlyList<JsonFinding> Findings, int Failed, int Warnings);

    private static readonly DoctorJsonContext ReportContext = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

[JsonSerializable(typeof(DoctorReport.JsonReport))]
internal sealed partial class DoctorJsonContext : JsonSerializerContext;
