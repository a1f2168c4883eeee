namespace NixVfioGen.Tests.Support;

/// <summary>
/// The real nixfmt (1.4.0, built from its public source) from the shared checkers beside the
/// checkout, or $NIXFMT: generated Nix must be its fixed point.
/// </summary>
public static class Nixfmt
{
    public static string Path
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("NIXFMT") is { Length: > 0 } given
                ? given
                : System.IO.Path.GetFullPath(System.IO.Path.Combine(Repository.Root, "..", "shared", "nixfmt", "nixfmt"));
            Assert.True(File.Exists(path), $"nixfmt not found at {path}: set NIXFMT to a nixfmt binary (CI has ../shared/nixfmt/nixfmt)");
            return path;
        }
    }

    /// <summary>What nixfmt makes of the text (its exit code and stderr on a parse error).</summary>
    public static ExternalTool.Result Format(string text) => ExternalTool.Run(Path, ["-"], text);

    /// <summary>Fails with nixfmt's own text beside ours when the text is not nixfmt's fixed point.</summary>
    public static void AssertFixedPoint(string text)
    {
        var formatted = Format(text);
        Assert.True(formatted.ExitCode == 0, "nixfmt rejected the text: " + formatted.Stderr + "\n" + text);
        Assert.Equal(text, formatted.Stdout);
    }
}
