using CsCheck;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Robustness;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Nix;

/// <summary>
/// Random trees through the renderer and the real tools: the text parses to the same tree as a
/// fully parenthesised reference (nix-instantiate --parse), and nixfmt changes nothing in it.
/// </summary>
public class NixRendererPropertyTests
{
    [Fact]
    public void Random_trees_render_to_nixfmts_fixed_point_and_parse_back_to_the_same_tree()
    {
        NixAstGen.File.Sample(file =>
        {
            var text = NixRenderer.Render(file);
            var formatted = Nixfmt.Format(text);
            if (formatted.ExitCode != 0 || formatted.Stdout != text)
            {
                return false;
            }
            var (ours, reference) = ParsePair(text, NixAstGen.Reference(file.Body));
            return ours.ExitCode == 0 && Canonical(ours.Stdout) == Canonical(reference.Stdout);
        }, iter: Math.Max(100, DangerousStrings.Count / 2), threads: 2, print: Explain);
    }

    private static (ExternalTool.Result Ours, ExternalTool.Result Reference) ParsePair(string text, string reference) =>
        (NixTool.ParseExpression(text), NixTool.ParseExpression(reference));

    /// <summary>
    /// Nix's parse output with adjacent string literals joined: the renderer writes whitespace Nix
    /// would strip as an interpolated literal, which is the same string split differently.
    /// </summary>
    private static string Canonical(string parsed)
    {
        var joined = parsed.Replace("\" + \"", "", StringComparison.Ordinal).Replace("(\"\" + ", "(", StringComparison.Ordinal);
        while (true)
        {
            var unwrapped = System.Text.RegularExpressions.Regex.Replace(joined, "\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)", "\"$1\"");
            if (unwrapped == joined)
            {
                return joined;
            }
            joined = unwrapped;
        }
    }

    private static string Explain(NixFile file)
    {
        var text = NixRenderer.Render(file);
        var formatted = Nixfmt.Format(text);
        var (ours, reference) = ParsePair(text, NixAstGen.Reference(file.Body));
        return formatted.Stdout != text
            ? "ours:\n" + text + "\n--- nixfmt:\n" + formatted.Stdout + formatted.Stderr
            : "parses differently:\n" + text + "\n--- first difference:\n" + FirstDifference(Canonical(ours.Stdout + ours.Stderr), Canonical(reference.Stdout + reference.Stderr));
    }

    private static string FirstDifference(string ours, string reference)
    {
        var at = 0;
        while (at < ours.Length && at < reference.Length && ours[at] == reference[at])
        {
            at++;
        }
        var from = Math.Max(0, at - 120);
        return "ours:      " + ours[from..Math.Min(ours.Length, at + 120)] + "\nreference: " + reference[from..Math.Min(reference.Length, at + 120)];
    }
}
