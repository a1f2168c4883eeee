namespace NixVfioGen.Nix;

/// <summary>
/// Builds Nix values as <c>XElement</c> builds XML: strings and booleans convert on their own, and
/// null bindings or items are skipped, so optional content is written inline.
/// </summary>
public static class Nix
{
    public static NixReference Ref(string dotted) => NixReference.Of(dotted);

    public static NixBinding Bind(string dottedPath, NixExpr value, string? comment = null) => NixBinding.Of(dottedPath, value, comment);

    public static NixAttrSet Set(params NixBinding?[] bindings) => new(bindings.OfType<NixBinding>().ToArray());

    public static NixList List(params NixExpr?[] items) => new(items.OfType<NixExpr>().ToArray());

    public static NixList Strings(IEnumerable<string> values) => new(values.Select(value => (NixExpr)value).ToArray());

    /// <summary>An indented string of whole lines, each ending in a newline.</summary>
    public static NixIndentedString Lines(IEnumerable<string> lines) => new(string.Concat(lines.Select(line => line + "\n")));

    public static NixApply Call(string function, params NixExpr[] arguments) => new(Ref(function), arguments);

    public static NixApply MkIf(NixExpr condition, NixExpr content) => Call("lib.mkIf", condition, content);
}
