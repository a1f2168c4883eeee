using System.Text;
using NixVfioGen.Json;
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

    /// <summary>{"findings": [{verdict, check, detail, fix}], "failed": N, "warnings": N}; the verdict in lower case.</summary>
    public static string Json(IReadOnlyList<Finding> findings) => IndentedJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("findings");
        foreach (var finding in findings)
        {
            writer.WriteStartObject();
            writer.WriteString("verdict", Label(finding.Verdict).ToLowerInvariant());
            writer.WriteString("check", finding.Check);
            writer.WriteString("detail", finding.Detail);
            writer.WriteNullable("fix", finding.Fix);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("failed", findings.Count(finding => finding.Verdict == Verdict.Fail));
        writer.WriteNumber("warnings", findings.Count(finding => finding.Verdict == Verdict.Warn));
        writer.WriteEndObject();
    });

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.Warn => "warn",
        _ => "FAIL",
    };
}
