namespace NixVfioGen.Cli.Formatting;

/// <summary>Which external Nix formatter, if any, the generated text goes through.</summary>
public enum FormatterChoice
{
    /// <summary>nixfmt when it is on PATH; a failure keeps the in-process text with a warning.</summary>
    Auto,
    Nixfmt,
    NixpkgsFmt,

    /// <summary>The in-process layout only, which is already nixfmt's.</summary>
    None,
}
