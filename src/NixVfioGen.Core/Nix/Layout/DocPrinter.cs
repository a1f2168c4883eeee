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
    private readonly StringBuilder output;
    private int column;
    private List<(int Indent, int Nest)> indents = [(0, 0)];

    private DocPrinter(int width, StringBuilder output)
    {
        this.width = width;
        this.output = output;
    }

    public static string Print(Doc doc, int width)
    {
        var output = new StringBuilder();
        PrintInto(doc, width, output);
        return output.ToString();
    }

    /// <summary>
    /// Appends the laid-out document to <paramref name="output"/> without whitespace at either end: a
    /// caller that writes a whole file (header and body) builds its text once instead of copying it.
    /// </summary>
    public static void PrintInto(Doc doc, int width, StringBuilder output)
    {
        var start = output.Length;
        new DocPrinter(width, output).Go([new DocGroup(GroupKind.Regular, Fixup(doc.Elements, depth: 0))], null);
        var end = output.Length;
        while (end > start && char.IsWhiteSpace(output[end - 1]))
        {
            end--;
        }
        output.Length = end;
        var first = start;
        while (first < end && char.IsWhiteSpace(output[first]))
        {
            first++;
        }
        output.Remove(start, first - start);
    }

    // A persistent list for "the rest of the document", shared between recursive calls.
    private sealed record Rest(DocElement Head, Rest? Tail);

    private static Rest? Prepend(ImmutableArray<DocElement> items, int start, Rest? rest)
    {
        for (var i = items.Length - 1; i >= start; i--)
        {
            rest = new Rest(items[i], rest);
        }
        return rest;
    }

    private void Go(ImmutableArray<DocElement> items, Rest? rest)
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
                    // Last priority group first, as nixfmt tries them; a loop rather than LINQ's Reverse, whose
                    // first use over this tuple type goes through NativeAOT's type loader (bench/run).
                    var segments = PriorityGroups(group.Content);
                    for (var k = segments.Count - 1; k >= 0; k--)
                    {
                        var (pre, priority, post) = segments[k];
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
            var text = Fits(width - FirstLineWidth(rest), trimmed);
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
        var flat = Fits(width - column - FirstLineWidth(rest), group);
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

    private static int NextNest(ImmutableArray<DocElement> items)
    {
        foreach (var item in items)
        {
            switch (item)
            {
                case DocText text:
                    return text.Nest;
                case DocGroup group when HasContent(group.Content):
                    return NextNest(group.Content);
            }
        }
        return 0;
    }

    private static bool HasContent(ImmutableArray<DocElement> items)
    {
        foreach (var item in items)
        {
            if (item is DocText or DocGroup)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The items on one line within <paramref name="room"/> columns, or null when a line must break.</summary>
    private static string? Fits(int room, ImmutableArray<DocElement> items)
    {
        var line = new OneLine(room, new StringBuilder(Math.Max(room, 0) + 1));
        return Flat(items, ref line) && line.Room >= 0 ? line.Text!.ToString() : null;
    }

    /// <summary>How many columns the items take on one line within <paramref name="room"/>, or -1 when a line must break.</summary>
    private static int FlatWidth(int room, ImmutableArray<DocElement> items)
    {
        var line = new OneLine(room, null);
        return Flat(items, ref line) && line.Room >= 0 ? room - line.Room : -1;
    }

    /// <summary>The width of the first line with every possible break taken.</summary>
    private static int FirstLineWidth(Rest? rest)
    {
        var width = new FirstLine();
        DocSpacing? pending = null;
        for (; rest is not null; rest = rest.Tail)
        {
            if (!Walk(rest.Head, ref width, ref pending))
            {
                return width.Total;
            }
        }
        Finish(ref width, ref pending);
        return width.Total;
    }

    private static bool Flat<TSink>(ImmutableArray<DocElement> items, ref TSink sink)
        where TSink : struct, IFlatSink
    {
        DocSpacing? pending = null;
        foreach (var item in items)
        {
            if (!Walk(item, ref sink, ref pending))
            {
                return false;
            }
        }
        return Finish(ref sink, ref pending);
    }

    /// <summary>
    /// The elements as the layout sees them on one line: groups dissolved, adjacent spacings merged into
    /// <paramref name="pending"/> until a text follows. False once the sink has had enough.
    /// A walk over the arrays rather than nested iterators: this runs for every group the printer tries.
    /// </summary>
    private static bool Walk<TSink>(DocElement item, ref TSink sink, ref DocSpacing? pending)
        where TSink : struct, IFlatSink
    {
        switch (item)
        {
            case DocGroup group:
                foreach (var inner in group.Content)
                {
                    if (!Walk(inner, ref sink, ref pending))
                    {
                        return false;
                    }
                }
                return true;
            case DocSpacing spacing:
                pending = pending is null ? spacing : DocElement.Merge(pending, spacing);
                return true;
            default:
                if (pending is { } before)
                {
                    pending = null;
                    if (!sink.Take(before))
                    {
                        return false;
                    }
                }
                return sink.Take(item);
        }
    }

    private static bool Finish<TSink>(ref TSink sink, ref DocSpacing? pending)
        where TSink : struct, IFlatSink
    {
        var last = pending;
        pending = null;
        return last is null || sink.Take(last);
    }

    private interface IFlatSink
    {
        /// <summary>Takes the next element of the flattened line; false to stop there.</summary>
        bool Take(DocElement element);
    }

    // The line so far and the room left; stops where a line must break or the room is gone.
    private struct OneLine(int room, StringBuilder? text) : IFlatSink
    {
        public int Room = room;
        public readonly StringBuilder? Text = text;

        public bool Take(DocElement element)
        {
            if (Room < 0)
            {
                return false;
            }
            switch (element)
            {
                case DocText text:
                    Text?.Append(text.Text);
                    Room -= text.Text.Length;
                    return true;
                case DocSpacing { Kind: Spacing.Softbreak or Spacing.Break }:
                    return true;
                case DocSpacing { Kind: Spacing.Softspace or Spacing.Space or Spacing.Hardspace }:
                    Text?.Append(' ');
                    Room--;
                    return true;
                default:
                    return false;
            }
        }
    }

    // Texts and hard spaces up to the first possible break.
    private struct FirstLine : IFlatSink
    {
        public int Total;

        public bool Take(DocElement element)
        {
            switch (element)
            {
                case DocText text:
                    Total += text.Text.Length;
                    return true;
                case DocSpacing { Kind: Spacing.Hardspace }:
                    Total++;
                    return true;
                default:
                    return false;
            }
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
                    var flat = FlatWidth(room - FirstLineWidth(rest.Tail), group.Content);
                    if (flat < 0)
                    {
                        rest = Prepend(group.Content, 0, rest.Tail);
                    }
                    else
                    {
                        room -= flat;
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
    private static List<(ImmutableArray<DocElement> Pre, ImmutableArray<DocElement> Priority, ImmutableArray<DocElement> Post)> PriorityGroups(
        ImmutableArray<DocElement> content)
    {
        var result = new List<(ImmutableArray<DocElement>, ImmutableArray<DocElement>, ImmutableArray<DocElement>)>();
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
                result.Add((
                    [.. segments.Take(i).SelectMany(s => s.Items)],
                    [.. segments[i].Items],
                    [.. segments.Skip(i + 1).SelectMany(s => s.Items)]));
            }
        }
        return result;
    }

    /// <summary>
    /// nixfmt's fixup: merges adjacent spacings and texts, moves hard spacings out of the edges of
    /// groups (so a hard line after a group does not force it open), and removes empty groups. It also
    /// resolves <see cref="DocNest"/> (what <see cref="Doc.Resolve"/> does) on the way: each text gets
    /// the depth of the nests around it, without a pass of its own over the document.
    /// </summary>
    /// <remarks>
    /// What a step rewrites goes back in front of the rest (<c>pending</c>, with its depth; 0 once
    /// resolved) and is looked at again, as nixfmt's recursion does; the input is never copied or shifted.
    /// </remarks>
    private static ImmutableArray<DocElement> Fixup(ImmutableArray<DocElement> input, int depth)
    {
        var pending = new Stack<(DocElement Element, int Depth)>();
        var index = 0;

        // The next element with its depth, a nest opened in place first; null at the end.
        DocElement? Peek()
        {
            while (true)
            {
                if (pending.Count == 0)
                {
                    if (index >= input.Length)
                    {
                        return null;
                    }
                    pending.Push((input[index++], depth));
                }
                var (top, at) = pending.Peek();
                if (top is not DocNest nest)
                {
                    return top;
                }
                pending.Pop();
                for (var k = nest.Content.Length - 1; k >= 0; k--)
                {
                    pending.Push((nest.Content[k], at + 1));
                }
            }
        }

        // What moves out of groups may come to stand beside a spacing or text of its own kind: merged as it is added.
        var result = ImmutableArray.CreateBuilder<DocElement>(input.Length);
        void Add(DocElement element)
        {
            switch (result.Count > 0 ? result[^1] : null, element)
            {
                case (DocSpacing a, DocSpacing b):
                    result[^1] = DocElement.Merge(a, b);
                    break;
                case (DocText a, DocText b):
                    result[^1] = a with { Text = a.Text + b.Text };
                    break;
                default:
                    result.Add(element);
                    break;
            }
        }

        while (Peek() is not null)
        {
            var (current, currentDepth) = pending.Pop();
            if (current is DocText text && currentDepth > 0)
            {
                current = text with { Nest = text.Nest + currentDepth };
            }
            switch (current, Peek())
            {
                case (DocSpacing a, DocSpacing b):
                    pending.Pop();
                    pending.Push((DocElement.Merge(a, b), 0));
                    continue;
                case (DocText a, DocText b):
                    pending.Pop();
                    pending.Push((a with { Text = a.Text + b.Text }, 0));
                    continue;
                case (DocSpacing { Kind: Spacing.Hardspace }, DocGroup group):
                    var (_, groupDepth) = pending.Pop();
                    pending.Push((group with { Content = group.Content.Insert(0, current) }, groupDepth));
                    continue;
                case (DocGroup group, _):
                    var inner = Fixup(group.Content, currentDepth);
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
                    // In front of the rest, in order and resolved: the leading hard spacings, the group, the trailing ones.
                    for (var k = inner.Length - 1; k >= end; k--)
                    {
                        pending.Push((inner[k], 0));
                    }
                    if (body.Length > 0)
                    {
                        pending.Push((new Fixed(group with { Content = body }), 0));
                    }
                    for (var k = start - 1; k >= 0; k--)
                    {
                        pending.Push((inner[k], 0));
                    }
                    continue;
                case (Fixed done, _):
                    Add(done.Group);
                    continue;
                default:
                    Add(current);
                    continue;
            }
        }
        return result.Count == result.Capacity ? result.MoveToImmutable() : result.ToImmutable();
    }

    // A group whose content has been fixed up already, so the loop above does not revisit it.
    private sealed record Fixed(DocGroup Group) : DocElement;
}
