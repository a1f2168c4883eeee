namespace NixVfioGen.Cli.Formatting;

/// <summary>An external program that reformats Nix text (stdin to stdout).</summary>
internal interface INixFormatter
{
    /// <summary>Runs <paramref name="executable"/> over <paramref name="text"/>; the result says how it went.</summary>
    Task<FormatterResult> FormatAsync(string executable, string text, CancellationToken cancellation);

    /// <summary>The full path of <paramref name="executable"/> on PATH, or null.</summary>
    string? Find(string executable);
}

/// <summary>The formatted text, or why there is none.</summary>
internal abstract record FormatterResult
{
    public sealed record Formatted(string Text) : FormatterResult;

    public sealed record Failed(string Reason) : FormatterResult;
}
