using NixVfioGen.Nix;

namespace NixVfioGen.Shell;

/// <summary>
/// A generated shell script as a Nix indented string. Each tool it runs is assigned once at the top
/// from its store path (<c>virsh=${…}/bin/virsh</c>) and used as <c>"$virsh"</c>; the script text is
/// literal and escaped by the Nix writer; values reach it only through <see cref="ShellWords"/>.
/// </summary>
public static class ShellScript
{
    public static NixIndentedString Build(IReadOnlyList<ShellTool> tools, IEnumerable<string> lines)
    {
        var parts = new List<NixStringPart>();
        foreach (var tool in tools)
        {
            parts.Add(new NixText(tool.Placeholder + "="));
            parts.Add(new NixInterpolation(tool.Package));
            parts.Add(new NixText("/bin/" + tool.Binary + "\n"));
        }
        parts.Add(new NixText(string.Concat(lines.Select(line => line + "\n"))));
        return new NixIndentedString(parts);
    }
}
