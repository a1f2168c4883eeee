using System.CommandLine;
using NixVfioGen.Cli.Formatting;
using NixVfioGen.Cli.Options;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>Where generated Nix goes and which formatter it passes through.</summary>
internal sealed class OutputOptionSet
{
    public static Spelling<FormatterChoice> Formatters { get; } = new(
        (FormatterChoice.Auto, "auto"), (FormatterChoice.Nixfmt, "nixfmt"), (FormatterChoice.NixpkgsFmt, "nixpkgs-fmt"), (FormatterChoice.None, "none"));

    public Option<Choice<FormatterChoice>> Formatter { get; } = ModelOption.Of("--formatter",
        "External Nix formatter: auto (nixfmt if on PATH), nixfmt, nixpkgs-fmt, none", Formatters, FormatterChoice.Auto);

    public Option<string?> Output { get; } = ModelOption.Of<string?>("--output",
        "Write to FILE atomically instead of stdout (- is stdout); on any error the file is left untouched", "FILE",
        text => NonEmpty(text, "a file name, or - for stdout"), aliases: "-o");

    /// <summary>An empty path (an unset shell variable) is refused here, not met as an I/O error later.</summary>
    public static string NonEmpty(string text, string expected) =>
        text.Length > 0 ? text : throw new InvalidInputException(text, expected);

    public IEnumerable<Option> All => [Formatter, Output];

    public FormatterChoice ReadFormatter(ParseResult result) => result.GetValue(Formatter)!.Value;
}
