using System.CommandLine;
using NixVfioGen.Cli.Formatting;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Commands;

/// <summary>Where generated Nix goes and which formatter it passes through.</summary>
internal sealed class OutputOptionSet
{
    public Option<string> Formatter { get; } = new("--formatter")
    {
        Description = "External Nix formatter: auto (nixfmt if on PATH), nixfmt, nixpkgs-fmt, none",
        DefaultValueFactory = _ => "auto",
        HelpName = "auto|nixfmt|nixpkgs-fmt|none",
    };

    public Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Write to FILE atomically instead of stdout; on any error the file is left untouched",
        HelpName = "FILE",
    };

    public IEnumerable<Option> All => [Formatter, Output];

    public FormatterChoice ReadFormatter(ParseResult result) =>
        OptionValue.Parse(Formatter, result.GetValue(Formatter)!, text => EnumNames.Parse(text,
            [FormatterChoice.Auto, FormatterChoice.Nixfmt, FormatterChoice.NixpkgsFmt, FormatterChoice.None], Name));

    private static string Name(FormatterChoice choice) => choice switch
    {
        FormatterChoice.Auto => "auto",
        FormatterChoice.Nixfmt => "nixfmt",
        FormatterChoice.NixpkgsFmt => "nixpkgs-fmt",
        _ => "none",
    };
}
