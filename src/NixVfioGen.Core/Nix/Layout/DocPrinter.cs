using System.Collections.Immutable;
using System.Text;

namespace NixVfioGen.Nix.Layout;

/// <summary>
/// nixfmt's greedy layout (Predoc.hs <c>fixup</c> and <c>layoutGreedy</c>), ported: the one place
/// that decides where lines break. The width does not count indentation; nestings opened on one
/// line indent the next line only once; blank lines carry no indentation.
/// </summary>
public sealed class DocPrinter
{
    private const int IndentWidth = 2;

    private readonly int width;
    private readonly StringBuilder output = new();
    private int column;
    private List<(int Indent, int Nest)> indents = [(0, 0)];

    private DocPrinter(int width) => this.width = width;

    public static string Print(Doc doc, int width)
    {
        var printer = new DocPrinter(width);
        printer.Go([new DocGroup(GroupKind.Regular, Fixup(Doc.Resolve(doc.Elements)))], null);
        return printer.output.ToString().Trim();
    }

    // A persistent list for "the rest of the document", shared between recursive calls.
    private sealed record Rest(DocElement Head, Rest? Tail);

    private static Rest? Prepend(IReadOnlyList<DocElement> items, int start, Rest? rest)
    {
        for (var i = items.Count - 1; i >= start; i--)
        {
            rest = new Rest(items[i], rest);
        }
        return rest;
    }

    private static IEnumerable<DocElement> Enumerate(Rest? rest)
    {
        for (; rest is not null; rest = rest.Tail)
        {
            yield return rest.Head;
        }
    }

    private void Go(IReadOnlyList<DocElement> items, Rest? rest)
    {
        // One chain for the whole list: each node's tail is what follows that item.
        for (var node = Prepend(items, 0, rest); node != rest; node = node!.Tail)
        {
            GoOne(node!.Head, node.Tail);
        }
    }

    private void GoOne(DocElement element, Rest? rest)
    {
        switch (element)
        {
            case DocText text:
                PutText(text.Nest, text.Text);
                break;
            case DocSpacing spacing:
                if (column == 0)
                {
                    // Just broke a line: leading whitespace of what follows is dropped.
                    break;
                }
                switch (spacing.Kind)
                {
                    case Spacing.Hardspace:
                        output.Append(' ');
                        column++;
                        break;
                    case Spacing.Softbreak when FirstLineFits(width - column, width, rest):
                        break;
                    case Spacing.Softspace when FirstLineFits(width - column - 1, width, rest):
                        output.Append(' ');
                        column++;
                        break;
                    case Spacing.Emptyline:
                        NewLines(2);
                        break;
                    case Spacing.Newlines:
                        NewLines(spacing.Count);
                        break;
                    default:
                        NewLines(1);
                        break;
                }
                break;
            case DocGroup group:
                if (TryGroup(group.Content, rest))
                {
                    break;
                }
                if (group.Kind != GroupKind.Transparent)
                {
                    foreach (var (pre, priority, post) in PriorityGroups(group.Content).Reverse())
                    {
                        var saved = Save();
                        if (TryPriorityGroup(pre, priority, post, rest))
                        {
                            return;
                        }
                        Restore(saved);
                    }
                }
                Go(group.Content, rest);
                break;
        }
    }

    private void NewLines(int count)
    {
        output.Append('\n', count);
        column = 0;
    }

    private void PutText(int nest, string text)
    {
        while (true)
        {
            var (indent, currentNest) = indents[^1];
            if (nest > currentNest)
            {
                // Only the first nesting opened on a line indents; later ones on that line are swallowed.
                indents.Add((column == 0 ? indent + IndentWidth : indent, nest));
                continue;
            }
            if (nest < currentNest)
            {
                indents.RemoveAt(indents.Count - 1);
                continue;
            }
            if (column == 0)
            {
                output.Append(' ', indent);
            }
            output.Append(text);
            column += text.Length;
            return;
        }
    }

    private bool TryPriorityGroup(ImmutableArray<DocElement> pre, ImmutableArray<DocElement> priority, ImmutableArray<DocElement> post, Rest? rest)
    {
        if (!TryGroup(pre, Prepend([.. priority, .. post], 0, rest)))
        {
            return false;
        }
        Go(priority, Prepend(UnexpandSpacing(post), 0, rest));
        return TryGroup(post, rest);
    }

    // Prints the group on the current line if it fits there with the start of what follows it.
    private bool TryGroup(ImmutableArray<DocElement> group, Rest? rest)
    {
        if (group.IsEmpty)
        {
            return true;
        }
        if (column == 0)
        {
            var trimmed = group[0] switch
            {
                DocSpacing => group.RemoveAt(0),
                DocGroup { Content: [DocSpacing, ..] } inner => group.SetItem(0, inner with { Content = inner.Content.RemoveAt(0) }),
                _ => group,
            };
            var text = Fits(width - FirstLineWidth(Enumerate(rest)), trimmed);
            if (text is null)
            {
                return false;
            }
            if (text.Length > 0)
            {
                PutText(NextNest(trimmed), text);
            }
            return true;
        }
        var flat = Fits(width - column - FirstLineWidth(Enumerate(rest)), group);
        if (flat is null)
        {
            return false;
        }
        output.Append(flat);
        column += flat.Length;
        return true;
    }

    private (int Column, List<(int, int)> Indents, int Length) Save() => (column, [.. indents], output.Length);

    private void Restore((int Column, List<(int, int)> Indents, int Length) saved)
    {
        column = saved.Column;
        indents = saved.Indents;
        output.Length = saved.Length;
    }

    private static int NextNest(IEnumerable<DocElement> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case DocText text:
                    return text.Nest;
                case DocGroup group when group.Content.Any(element => element is DocText or DocGroup):
                    return NextNest(group.Content);
            }
        }
        return 0;
    }

    /// <summary>The items on one line within <paramref name="room"/> columns, or null when a line must break.</summary>
    private static string? Fits(int room, IEnumerable<DocElement> items)
    {
        var builder = new StringBuilder();
        foreach (var element in Flatten(items))
        {
            if (room < 0)
            {
                return null;
            }
            switch (element)
            {
                case DocText text:
                    builder.Append(text.Text);
                    room -= text.Text.Length;
                    break;
                case DocSpacing { Kind: Spacing.Softbreak or Spacing.Break }:
                    break;
                case DocSpacing { Kind: Spacing.Softspace or Spacing.Space or Spacing.Hardspace }:
                    builder.Append(' ');
                    room--;
                    break;
                default:
                    return null;
            }
        }
        return room < 0 ? null : builder.ToString();
    }

    // Groups dissolved and adjacent spacings merged, as the layout sees them on one line.
    private static IEnumerable<DocElement> Flatten(IEnumerable<DocElement> items)
    {
        DocSpacing? pending = null;
        foreach (var element in FlattenGroups(items))
        {
            if (element is DocSpacing spacing)
            {
                pending = pending is null ? spacing : DocElement.Merge(pending, spacing);
                continue;
            }
            if (pending is not null)
            {
                yield return pending;
                pending = null;
            }
            yield return element;
        }
        if (pending is not null)
        {
            yield return pending;
        }
    }

    private static IEnumerable<DocElement> FlattenGroups(IEnumerable<DocElement> items)
    {
        foreach (var item in items)
        {
            if (item is DocGroup group)
            {
                foreach (var inner in FlattenGroups(group.Content))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return item;
            }
        }
    }

    /// <summary>The width of the first line with every possible break taken.</summary>
    private static int FirstLineWidth(IEnumerable<DocElement> items)
    {
        var total = 0;
        foreach (var element in Flatten(items))
        {
            switch (element)
            {
                case DocText text:
                    total += text.Text.Length;
                    break;
                case DocSpacing { Kind: Spacing.Hardspace }:
                    total++;
                    break;
                default:
                    return total;
            }
        }
        return total;
    }

    /// <summary>Whether the first line fits <paramref name="target"/> columns without breaking up groups.</summary>
    private static bool FirstLineFits(int target, int maximum, Rest? rest)
    {
        var room = maximum;
        while (true)
        {
            if (room < 0)
            {
                return false;
            }
            if (rest is null)
            {
                return maximum - room <= target;
            }
            switch (rest.Head)
            {
                case DocText text:
                    room -= text.Text.Length;
                    rest = rest.Tail;
                    break;
                case DocSpacing a when rest.Tail is { Head: DocSpacing b } tail:
                    rest = new Rest(DocElement.Merge(a, b), tail.Tail);
                    break;
                case DocSpacing { Kind: Spacing.Hardspace }:
                    room--;
                    rest = rest.Tail;
                    break;
                case DocSpacing:
                    return maximum - room <= target;
                case DocGroup group:
                    var flat = Fits(room - FirstLineWidth(Enumerate(rest.Tail)), group.Content);
                    if (flat is null)
                    {
                        rest = Prepend(group.Content, 0, rest.Tail);
                    }
                    else
                    {
                        room -= flat.Length;
                        rest = rest.Tail;
                    }
                    break;
                default:
                    rest = rest.Tail;
                    break;
            }
        }
    }

    private static ImmutableArray<DocElement> UnexpandSpacing(ImmutableArray<DocElement> items) =>
    [
        .. items.SelectMany<DocElement, DocElement>(item => item switch
        {
            DocSpacing { Kind: Spacing.Space or Spacing.Softspace } => [new DocSpacing(Spacing.Hardspace)],
            DocSpacing { Kind: Spacing.Break or Spacing.Softbreak } => [],
            _ => [item],
        }),
    ];

    /// <summary>
    /// The content on one line with every soft spacing a space or nothing, groups dissolved; null
    /// where a hard line break makes that impossible (nixfmt's <c>unexpandSpacing'</c>).
    /// </summary>
    public static Doc? Unexpanded(Doc doc)
    {
        var result = ImmutableArray.CreateBuilder<DocElement>();
        foreach (var element in FlattenGroups(Doc.Resolve(doc.Elements)))
        {
            switch (element)
            {
                case DocText:
                    result.Add(element);
                    break;
                case DocSpacing { Kind: Spacing.Hardspace or Spacing.Space or Spacing.Softspace }:
                    result.Add(new DocSpacing(Spacing.Hardspace));
                    break;
                case DocSpacing { Kind: Spacing.Break or Spacing.Softbreak }:
                    break;
                default:
                    return null;
            }
        }
        return new Doc(result.ToImmutable());
    }

    // The segments of a group around each of its priority groups, looking through transparent groups.
    private static IEnumerable<(ImmutableArray<DocElement> Pre, ImmutableArray<DocElement> Priority, ImmutableArray<DocElement> Post)> PriorityGroups(
        ImmutableArray<DocElement> content)
    {
        var segments = new List<(bool Priority, List<DocElement> Items)>();
        void Segment(IEnumerable<DocElement> items)
        {
            foreach (var item in items)
            {
                switch (item)
                {
                    case DocGroup { Kind: GroupKind.Priority } group:
                        segments.Add((true, [.. group.Content]));
                        break;
                    case DocGroup { Kind: GroupKind.Transparent } group:
                        Segment(group.Content);
                        break;
                    default:
                        if (segments.Count > 0 && !segments[^1].Priority)
                        {
                            segments[^1].Items.Add(item);
                        }
                        else
                        {
                            segments.Add((false, [item]));
                        }
                        break;
                }
            }
        }
        Segment(content);
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Priority)
            {
                yield return (
                    [.. segments.Take(i).SelectMany(s => s.Items)],
                    [.. segments[i].Items],
                    [.. segments.Skip(i + 1).SelectMany(s => s.Items)]);
            }
        }
    }

    /// <summary>
    /// nixfmt's fixup: merges adjacent spacings and texts, moves hard spacings out of the edges of
    /// groups (so a hard line after a group does not force it open), and removes empty groups.
    /// </summary>
    private static ImmutableArray<DocElement> Fixup(IEnumerable<DocElement> input)
    {
        var items = new List<DocElement>(input);
        var result = new List<DocElement>();
        var i = 0;
        while (i < items.Count)
        {
            var current = items[i];
            var next = i + 1 < items.Count ? items[i + 1] : null;
            switch (current, next)
            {
                case (DocSpacing a, DocSpacing b):
                    items[i + 1] = DocElement.Merge(a, b);
                    i++;
                    continue;
                case (DocText a, DocText b):
                    items[i + 1] = a with { Text = a.Text + b.Text };
                    i++;
                    continue;
                case (DocSpacing { Kind: Spacing.Hardspace }, DocGroup group):
                    items[i + 1] = group with { Content = group.Content.Insert(0, current) };
                    i++;
                    continue;
                case (DocGroup group, _):
                    var inner = Fixup(group.Content);
                    var start = 0;
                    while (start < inner.Length && inner[start] is DocSpacing { IsHard: true })
                    {
                        start++;
                    }
                    var end = inner.Length;
                    while (end > start && inner[end - 1] is DocSpacing { IsHard: true })
                    {
                        end--;
                    }
                    var body = inner[start..end];
                    if (body is [DocGroup only] && only.Kind == group.Kind)
                    {
                        body = only.Content;
                    }
                    var replacement = new List<DocElement>(inner[..start]);
                    if (body.Length > 0)
                    {
                        replacement.Add(new Fixed(group with { Content = body }));
                    }
                    replacement.AddRange(inner[end..]);
                    items.RemoveAt(i);
                    items.InsertRange(i, replacement);
                    continue;
                case (Fixed done, _):
                    result.Add(done.Group);
                    i++;
                    continue;
                default:
                    result.Add(current);
                    i++;
                    continue;
            }
        }
        // What moved out of groups may now stand beside a spacing or text of its own kind.
        var merged = new List<DocElement>();
        foreach (var element in result)
        {
            switch (merged.Count > 0 ? merged[^1] : null, element)
            {
                case (DocSpacing a, DocSpacing b):
                    merged[^1] = DocElement.Merge(a, b);
                    break;
                case (DocText a, DocText b):
                    merged[^1] = a with { Text = a.Text + b.Text };
                    break;
                default:
                    merged.Add(element);
                    break;
            }
        }
        return [.. merged];
    }

    // A group whose content has been fixed up already, so the loop above does not revisit it.
    private sealed record Fixed(DocGroup Group) : DocElement;
}
