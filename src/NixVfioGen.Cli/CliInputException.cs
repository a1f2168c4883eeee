using NixVfioGen.Model;

namespace NixVfioGen.Cli;

/// <summary>Bad input tied to the option that carried it; reported as one stderr line with exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message)
{
    public static CliInputException For(string option, InvalidInputException error) =>
        new($"{option}: '{Printable(error.Value)}' is not valid; expected {error.Expected}");

    /// <summary>Keeps the error on one line whatever the value holds.</summary>
    public static string Printable(string value, int maxLength = 80)
    {
        var shown = value.Length > maxLength ? value[..maxLength] + "…" : value;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
    }
}
