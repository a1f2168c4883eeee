using System.Collections.Immutable;

namespace NixVfioGen.Nix.Layout;

/// <summary>
/// The document algebra nixfmt lays Nix out with (NixOS/nixfmt src/Nixfmt/Predoc.hs), ported: a
/// document is a sequence of texts, spacings and groups. Texts carry a nesting depth; groups are laid
/// out on one line when they fit, and otherwise have their spacings expanded; priority groups are
/// expanded first so that what is left and right of them stays on one line.
/// </summary>
public readonly record struct Doc(ImmutableArray<DocElement> Elements)
{
    public static Doc Empty { get; } = new(ImmutableArray<DocElement>.Empty);

    /// <summary>Line break or nothing, only where the rest of the line does not fit (nixfmt's <c>softline'</c>).</summary>
    public static Doc SoftBreak { get; } = Of(new DocSpacing(Spacing.Softbreak));

    /// <summary>Line break or nothing (<c>line'</c>).</summary>
    public static Doc Break { get; } = Of(new DocSpacing(Spacing.Break));

    /// <summary>Always a space (<c>hardspace</c>).</summary>
    public static Doc HardSpace { get; } = Of(new DocSpacing(Spacing.Hardspace));

    /// <summary>Line break or space, only where the rest of the line does not fit (<c>softline</c>).</summary>
    public static Doc SoftLine { get; } = Of(new DocSpacing(Spacing.Softspace));

    /// <summary>Line break or space (<c>line</c>).</summary>
    public static Doc Line { get; } = Of(new DocSpacing(Spacing.Space));

    /// <summary>Always a line break (<c>hardline</c>).</summary>
    public static Doc HardLine { get; } = Of(new DocSpacing(Spacing.Hardline));

    /// <summary>One line break inside an indented string (<c>newline</c>).</summary>
    public static Doc NewLine { get; } = Of(new DocSpacing(Spacing.Newlines, 1));

    public static Doc Text(string text) => text.Length == 0 ? Empty : Of(new DocText(0, text));

    public static Doc Group(Doc content) => Of(new DocGroup(GroupKind.Regular, content.Elements));

    public static Doc Group(GroupKind kind, Doc content) => Of(new DocGroup(kind, content.Elements));

    /// <summary>Declares a deeper nesting; only the first nesting that opens on a line indents the next one.</summary>
    /// <remarks>
    /// A wrapper the printer resolves in one pass (<see cref="Resolve"/>): raising every text's depth
    /// here instead copied the whole subtree once per enclosing level.
    /// </remarks>
    public Doc Nest() => Elements.IsEmpty ? this : Of(new DocNest(Elements));

    public static Doc Concat(IEnumerable<Doc> parts)
    {
        var builder = ImmutableArray.CreateBuilder<DocElement>();
        foreach (var part in parts)
        {
            builder.AddRange(part.Elements);
        }
        return new(builder.ToImmutable());
    }

    public static Doc operator +(Doc left, Doc right) => new(left.Elements.AddRange(right.Elements));

    public static implicit operator Doc(string text) => Text(text);

    public static Doc Join(Doc separator, IEnumerable<Doc> parts)
    {
        var result = new List<Doc>();
        foreach (var part in parts)
        {
            if (result.Count > 0)
            {
                result.Add(separator);
            }
            result.Add(part);
        }
        return Concat(result);
    }

    public bool IsEmpty => Elements.IsEmpty;

    private static Doc Of(DocElement element) => new([element]);

    /// <summary>The elements with every <see cref="DocNest"/> dissolved into its texts' depths.</summary>
    public static ImmutableArray<DocElement> Resolve(ImmutableArray<DocElement> elements)
    {
        var result = ImmutableArray.CreateBuilder<DocElement>(elements.Length);
        ResolveInto(elements, 0, result);
        return result.ToImmutable();
    }

    private static void ResolveInto(ImmutableArray<DocElement> elements, int depth, ImmutableArray<DocElement>.Builder into)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case DocNest nest:
                    ResolveInto(nest.Content, depth + 1, into);
                    break;
                case DocText text when depth > 0:
                    into.Add(text with { Nest = text.Nest + depth });
                    break;
                case DocGroup group:
                    var content = ImmutableArray.CreateBuilder<DocElement>(group.Content.Length);
                    ResolveInto(group.Content, depth, content);
                    into.Add(group with { Content = content.ToImmutable() });
                    break;
                default:
                    into.Add(element);
                    break;
            }
        }
    }
}

/// <summary>Spacings in nixfmt's order, which <see cref="DocElement.Merge"/> relies on.</summary>
public enum Spacing
{
    Softbreak,
    Break,
    Hardspace,
    Softspace,
    Space,
    Hardline,
    Emptyline,
    Newlines,
}

public enum GroupKind
{
    Regular,

    /// <summary>Expanded before its siblings when the parent group does not fit on one line.</summary>
    Priority,

    /// <summary>Lets the priority groups inside it belong to its parent.</summary>
    Transparent,
}

public abstract record DocElement
{
    /// <summary>nixfmt's mergeSpacings: two adjacent spacings become the stronger one.</summary>
    public static DocSpacing Merge(DocSpacing x, DocSpacing y)
    {
        if (x.Kind > y.Kind)
        {
            (x, y) = (y, x);
        }
        return (x.Kind, y.Kind) switch
        {
            (Spacing.Break, Spacing.Softspace) or (Spacing.Break, Spacing.Hardspace) => new DocSpacing(Spacing.Space),
            (Spacing.Softbreak, Spacing.Hardspace) => new DocSpacing(Spacing.Softspace),
            (Spacing.Newlines, Spacing.Newlines) => new DocSpacing(Spacing.Newlines, x.Count + y.Count),
            (Spacing.Emptyline, Spacing.Newlines) => new DocSpacing(Spacing.Newlines, y.Count + 2),
            (Spacing.Hardspace, Spacing.Newlines) => y,
            (_, Spacing.Newlines) => new DocSpacing(Spacing.Newlines, y.Count + 1),
            _ => y,
        };
    }
}

/// <summary>Text at a nesting depth.</summary>
public sealed record DocText(int Nest, string Text) : DocElement;

public sealed record DocSpacing(Spacing Kind, int Count = 0) : DocElement
{
    public bool IsHard => Kind is Spacing.Hardspace or Spacing.Hardline or Spacing.Emptyline or Spacing.Newlines;
}

public sealed record DocGroup(GroupKind Kind, ImmutableArray<DocElement> Content) : DocElement;

/// <summary>Content one nesting level deeper than what surrounds it; gone once <see cref="Doc.Resolve"/> has run.</summary>
public sealed record DocNest(ImmutableArray<DocElement> Content) : DocElement;
