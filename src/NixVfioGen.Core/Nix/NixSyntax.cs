namespace NixVfioGen.Nix;

// The Nix syntax tree: immutable records, one sealed type per construct a NixOS module needs.
// Text reaches Nix only through NixText/NixString, which the renderer escapes.

/// <summary>Any Nix expression; a C# string or bool is one where an expression is expected.</summary>
public abstract record NixExpr
{
    public static implicit operator NixExpr(string text) => new NixString(text);

    public static implicit operator NixExpr(bool value) => new NixBool(value);
}

/// <summary>A variable or a selection path such as <c>pkgs.qemu_kvm</c>; every segment is an identifier.</summary>
public sealed record NixReference : NixExpr
{
    public NixReference(params string[] path)
    {
        if (path.Length == 0 || !path.All(NixIdentifiers.IsIdentifier))
        {
            throw new ArgumentException($"'{string.Join('.', path)}' is not a Nix identifier path", nameof(path));
        }
        Path = path;
    }

    public IReadOnlyList<string> Path { get; }

    /// <summary>Parses a dotted path written in the builders, e.g. <c>config.boot.kernelPackages.kvmfr</c>.</summary>
    public static NixReference Of(string dotted) => new(dotted.Split('.'));
}

public sealed record NixBool(bool Value) : NixExpr;

public sealed record NixInt(long Value) : NixExpr;

/// <summary>A piece of a string: literal text or an interpolated expression.</summary>
public abstract record NixStringPart;

/// <summary>Literal text; the renderer escapes it for the kind of string it lands in.</summary>
public sealed record NixText(string Text) : NixStringPart;

/// <summary><c>${expr}</c> inside a string.</summary>
public sealed record NixInterpolation(NixExpr Expression) : NixStringPart;

/// <summary>A double-quoted string.</summary>
public sealed record NixString(IReadOnlyList<NixStringPart> Parts) : NixExpr
{
    public NixString(string text) : this([new NixText(text)]) { }
}

/// <summary>An indented <c>''…''</c> string, for multi-line text such as modprobe or udev configuration.</summary>
public sealed record NixIndentedString(IReadOnlyList<NixStringPart> Parts) : NixExpr
{
    public NixIndentedString(string text) : this([new NixText(text)]) { }
}

public sealed record NixList(IReadOnlyList<NixExpr> Items) : NixExpr;

/// <summary><c>path.to.attr = value;</c>, optionally with a comment above it.</summary>
public sealed record NixBinding(IReadOnlyList<string> Path, NixExpr Value, string? Comment = null)
{
    /// <summary>A binding whose path is written dotted; each segment is quoted by the renderer if it must be.</summary>
    public static NixBinding Of(string dottedPath, NixExpr value, string? comment = null) =>
        new(dottedPath.Split('.'), value, comment);
}

public sealed record NixAttrSet(IReadOnlyList<NixBinding> Bindings) : NixExpr;

public sealed record NixLet(IReadOnlyList<NixBinding> Bindings, NixExpr Body) : NixExpr;

/// <summary>A function with a set pattern: <c>{ config, lib, pkgs, ... }: body</c>.</summary>
public sealed record NixFunction(IReadOnlyList<string> Formals, bool Ellipsis, NixExpr Body) : NixExpr;

/// <summary>Function application <c>f a b</c>.</summary>
public sealed record NixApply(NixExpr Function, IReadOnlyList<NixExpr> Arguments) : NixExpr;

/// <summary>Boolean negation <c>!operand</c>.</summary>
public sealed record NixNot(NixExpr Operand) : NixExpr;

/// <summary><c>with scope; body</c>.</summary>
public sealed record NixWith(NixExpr Scope, NixExpr Body) : NixExpr;

/// <summary>A list concatenation chain <c>a ++ b ++ c</c>.</summary>
public sealed record NixConcat(IReadOnlyList<NixExpr> Operands) : NixExpr;

/// <summary>An attribute set update chain <c>a // b</c>: later operands win.</summary>
public sealed record NixUpdate(IReadOnlyList<NixExpr> Operands) : NixExpr;

/// <summary>A whole .nix file: leading comment lines and one expression.</summary>
public sealed record NixFile(IReadOnlyList<string> HeaderComments, NixExpr Body);

/// <summary>A relative path literal such as <c>./win11.xml</c>, for files generated side by side.</summary>
public sealed record NixPath : NixExpr
{
    public NixPath(string fileName)
    {
        if (fileName.Length == 0 || !fileName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+') || fileName.StartsWith('.'))
        {
            throw new ArgumentException($"'{fileName}' cannot be written as a Nix path literal", nameof(fileName));
        }
        FileName = fileName;
    }

    public string FileName { get; }
}
