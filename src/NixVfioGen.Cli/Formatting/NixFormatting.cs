namespace NixVfioGen.Cli.Formatting;

/// <summary>Applies the --formatter policy: named formatters must work, auto falls back with a warning.</summary>
internal sealed class NixFormatting(INixFormatter formatter, TextWriter warnings)
{
    public async Task<string> ApplyAsync(FormatterChoice choice, string text, CancellationToken cancellation)
    {
        var executable = choice switch
        {
            FormatterChoice.Auto or FormatterChoice.Nixfmt => "nixfmt",
            FormatterChoice.NixpkgsFmt => "nixpkgs-fmt",
            _ => null,
        };
        if (executable is null)
        {
            return text;
        }
        var found = formatter.Find(executable);
        if (found is null)
        {
            return choice == FormatterChoice.Auto
                ? text
                : throw new CliInputException($"--formatter: '{executable}' is not on PATH; install it or use --formatter none");
        }
        switch (await formatter.FormatAsync(found, text, cancellation))
        {
            case FormatterResult.Formatted formatted:
                return formatted.Text;
            case FormatterResult.Failed failed when choice == FormatterChoice.Auto:
                warnings.WriteLine($"nix-vfio-gen: warning: {executable} {failed.Reason}; printing the built-in layout");
                return text;
            case FormatterResult.Failed failed:
                throw new CliInputException($"--formatter: '{executable}' {failed.Reason}");
            default:
                throw new InvalidOperationException("unknown formatter result");
        }
    }
}
