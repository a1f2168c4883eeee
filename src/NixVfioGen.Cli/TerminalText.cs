using System.Text;

namespace NixVfioGen.Cli;

/// <summary>
/// A report for the terminal with every control character but newline and tab shown as \xNN, as
/// <c>ls</c> shows such file names escaped: names from sysfs, pci.ids and virsh come from whoever
/// wrote them, and an ESC there would drive the terminal (clear it, retitle it, fake a line).
/// </summary>
internal static class TerminalText
{
    public static string Escape(string report)
    {
        if (!report.Any(IsEscaped))
        {
            return report;
        }
        var builder = new StringBuilder(report.Length + 16);
        foreach (var c in report)
        {
            builder.Append(IsEscaped(c) ? $"\\x{(int)c:x2}" : c);
        }
        return builder.ToString();
    }

    private static bool IsEscaped(char c) => char.IsControl(c) && c is not ('\n' or '\t');
}
