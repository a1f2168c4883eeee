using CsCheck;
using NixVfioGen.Nix;

namespace NixVfioGen.Tests.Nix;

/// <summary>Random well-formed syntax trees of every construct the renderer knows, long and short.</summary>
internal static class NixAstGen
{
    private static readonly Gen<string> Identifier = Gen.Frequency(
        (4, Gen.OneOf("a", "b", "lib", "pkgs", "config", "enable", "x-y", "mkIf", "optional", "kernelVersion")),
        (1, Gen.String[Gen.Char['a', 'z'], 1, 40].Where(NixIdentifiers.IsIdentifier)));

    private static readonly Gen<string> Text = Gen.Frequency(
        (4, Gen.String[Gen.Char.AlphaNumeric, 0, 12]),
        (2, Gen.String[Gen.Char.AlphaNumeric, 40, 110]),
        (1, Gen.OneOf("\"", "\\", "${", "''", "'", " ", "\t", "a b", "#")));

    private static readonly Gen<NixExpr> Term = Gen.Frequency<NixExpr>(
        // Rooted in the module arguments: nix-instantiate --parse refuses free variables.
        (3, Gen.Select(Gen.OneOf("config", "lib", "pkgs", "builtins"), Identifier.Array[0, 3], (root, path) => (NixExpr)new NixReference([root, .. path]))),
        (3, Text.Select(t => (NixExpr)new NixString(t))),
        (1, Gen.Int[-5, 99].Select(i => (NixExpr)new NixInt(i))),
        (1, Gen.Bool.Select(b => (NixExpr)new NixBool(b))),
        (1, Gen.Const<NixExpr>(new NixList([]))),
        (1, Gen.Const<NixExpr>(new NixAttrSet([]))),
        (1, Gen.Const<NixExpr>(new NixPath("win11.xml"))));

    // A let holds one binding: Nix 2.8's --parse prints a let's bindings in the order of its symbol
    // table's pointers, which differs between two parses of the same text.
    private static Gen<NixExpr> Expression(int depth) => depth == 0 ? Term : Gen.Frequency(
        (6, Term),
        (2, Expression(depth - 1).Array[1, 4].Select(items => (NixExpr)new NixList(items))),
        (2, Set(depth - 1).Select(set => (NixExpr)set)),
        (2, Gen.Select(Identifier.Array[0, 2], Expression(depth - 1).Array[1, 3],
            (function, arguments) => (NixExpr)new NixApply(new NixReference(["lib", .. function]), arguments))),
        (1, Expression(depth - 1).Select(operand => (NixExpr)new NixNot(operand))),
        (1, Expression(depth - 1).Array[2, 4].Select(operands => (NixExpr)new NixConcat(operands))),
        (1, Expression(depth - 1).Array[2, 3].Select(operands => (NixExpr)new NixUpdate(operands))),
        (1, Gen.Select(Identifier, Expression(depth - 1), (scope, body) => (NixExpr)new NixWith(new NixReference("pkgs", scope), body))),
        (2, IndentedString),
        (1, Gen.Select(Set(depth - 1), Expression(depth - 1), (set, body) => (NixExpr)new NixLet(set.Bindings.Count == 0 ? [NixBinding.Of("a", new NixInt(1))] : [set.Bindings[0]], body))));

    private static readonly Gen<NixExpr> IndentedString = Gen.Select(
        Gen.Frequency((3, Text), (1, Gen.Const("\n")), (1, Gen.Const("  "))).Array[1, 8],
        Gen.Bool,
        (pieces, interpolate) => (NixExpr)new NixIndentedString(
            interpolate
                ? [new NixText(string.Concat(pieces)), new NixInterpolation(NixReference.Of("pkgs.coreutils")), new NixText("/bin/x\n")]
                : [new NixText(string.Concat(pieces) + "\n")]));

    public static Gen<NixAttrSet> Set(int depth) =>
        Gen.Select(Identifier.Array[1, 5], Gen.OneOf<string?>(null, "a comment", "two\nlines"), Expression(depth), Gen.Bool,
                (path, comment, value, quoted) => new NixBinding(quoted ? [.. path, "nix-vfio-gen/x.xml"] : path, value, comment))
            .Array[0, 4]
            // One binding per first segment: Nix refuses `a = 1; a.b = 2;`.
            .Select(bindings => new NixAttrSet(bindings.DistinctBy(b => b.Path[0]).ToArray()));

    /// <summary>A file like the generator's: a function of the module arguments returning a set.</summary>
    public static Gen<NixFile> File { get; } = Set(3).Select(set =>
        new NixFile(["generated"], new NixFunction(["config", "lib", "pkgs"], Ellipsis: true, set)));

    // Quoted only where it must be, like the renderer: Nix orders a let's bindings by first mention of the name.
    private static string Name(string name) => NixIdentifiers.IsIdentifier(name) ? name : "\"" + NixStringEscaper.DoubleQuoted(name) + "\"";

    /// <summary>The same tree with every non-term parenthesised, on one line: the parse reference.</summary>
    public static string Reference(NixExpr expression) => expression switch
    {
        NixReference reference => string.Join('.', reference.Path),
        NixPath path => "./" + path.FileName,
        NixBool boolean => boolean.Value ? "true" : "false",
        NixInt integer => $"({integer.Value})",
        NixString text => "\"" + string.Concat(text.Parts.Select(part => part is NixText t ? NixStringEscaper.DoubleQuoted(t.Text) : "${" + Reference(((NixInterpolation)part).Expression) + "}")) + "\"",
        NixIndentedString text => "\"" + string.Concat(text.Parts.Select(part => part is NixText t ? NixStringEscaper.DoubleQuoted(t.Text) : "${" + Reference(((NixInterpolation)part).Expression) + "}")) + "\"",
        NixList list => "[ " + string.Join(' ', list.Items.Select(item => "(" + Reference(item) + ")")) + " ]",
        NixAttrSet set => "{ " + string.Concat(set.Bindings.Select(b => string.Join('.', b.Path.Select(Name)) + " = (" + Reference(b.Value) + "); ")) + "}",
        NixApply apply => "(" + Reference(apply.Function) + string.Concat(apply.Arguments.Select(a => " (" + Reference(a) + ")")) + ")",
        NixNot not => "(!(" + Reference(not.Operand) + "))",
        NixConcat concat => "(" + string.Join(" ++ ", concat.Operands.Select(o => "(" + Reference(o) + ")")) + ")",
        NixUpdate update => "(" + string.Join(" // ", update.Operands.Select(o => "(" + Reference(o) + ")")) + ")",
        NixWith with => "(with (" + Reference(with.Scope) + "); (" + Reference(with.Body) + "))",
        NixLet let => "(let " + string.Concat(let.Bindings.Select(b => string.Join('.', b.Path.Select(Name)) + " = (" + Reference(b.Value) + "); ")) + "in (" + Reference(let.Body) + "))",
        NixFunction function => "({ " + string.Join(", ", function.Ellipsis ? [.. function.Formals, "..."] : function.Formals) + " }: (" + Reference(function.Body) + "))",
        _ => throw new ArgumentOutOfRangeException(nameof(expression)),
    };
}
