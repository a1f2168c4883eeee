using System.Text;

namespace NixVfioGen.Nix;

/// <summary>
/// Lays a syntax tree out the way nixfmt (RFC 166 standard format) prints it, so that running nixfmt
/// over the text changes nothing: two-space indentation, a 100-column soft limit not counting
/// indentation, lists of two or more items and all non-empty attribute sets expanded, absorbed
/// right-hand sides, <c>++</c> chains with each operator starting a line.
/// </summary>
public static class NixRenderer
{
    /// <summary>nixfmt's default soft line length, not counting leading indentation.</summary>
    public const int LineWidth = 100;

    private const string Indent = "  ";

    public static string Render(NixFile file)
    {
        var builder = new StringBuilder();
        foreach (var line in file.HeaderComments.SelectMany(comment => comment.Split('\n')))
        {
            builder.Append(CommentLine(line)).Append('\n');
        }
        return builder.Append(RenderBlock(file.Body, 0)).Append('\n').ToString();
    }

    /// <summary>Renders one expression as a file body at indentation 0, without a trailing newline.</summary>
    public static string RenderExpression(NixExpr expression) => RenderBlock(expression, 0);

    // Renders an expression that starts at the current position of a line whose indentation is `level`.
    private static string RenderBlock(NixExpr expression, int level) => expression switch
    {
        NixFunction function => RenderFunction(function, level),
        NixLet let => RenderLet(let, level),
        NixAttrSet set => RenderSet(set, level),
        NixList list => RenderList(list, level, LineWidth),
        NixIndentedString text => RenderIndentedString(text, level),
        NixWith with when IsAbsorbable(with.Body) => $"with {Flat(with.Scope)}; {RenderBlock(with.Body, level)}",
        NixConcat concat => RenderConcat(concat, level, 0),
        NixApply apply => RenderApply(apply, level, 0),
        _ => Flat(expression) ?? throw Unsupported(expression),
    };

    private static string RenderFunction(NixFunction function, int level)
    {
        var formals = function.Formals.Select(Identifier).ToList();
        string header;
        // nixfmt keeps up to two formals (plus `...`) on one line and expands larger patterns.
        if (formals.Count <= 2)
        {
            header = "{ " + string.Join(", ", function.Ellipsis ? [.. formals, "..."] : formals) + " }:";
        }
        else
        {
            var inner = Pad(level + 1);
            var lines = formals.Select(f => inner + f + ",").ToList();
            if (function.Ellipsis)
            {
                lines.Add(inner + "...");
            }
            header = "{\n" + string.Join("\n", lines) + "\n" + Pad(level) + "}:";
        }
        return header + "\n" + Pad(level) + RenderBlock(function.Body, level);
    }

    private static string RenderLet(NixLet let, int level) =>
        "let\n" + RenderBindings(let.Bindings, level + 1) + Pad(level) + "in\n" + Pad(level) + RenderBlock(let.Body, level);

    private static string RenderSet(NixAttrSet set, int level) =>
        set.Bindings.Count == 0 ? "{ }" : "{\n" + RenderBindings(set.Bindings, level + 1) + Pad(level) + "}";

    private static string RenderBindings(IReadOnlyList<NixBinding> bindings, int level)
    {
        var builder = new StringBuilder();
        foreach (var binding in bindings)
        {
            if (binding.Comment is not null)
            {
                foreach (var line in binding.Comment.Split('\n'))
                {
                    builder.Append(Pad(level)).Append(CommentLine(line)).Append('\n');
                }
            }
            var prefix = string.Join('.', binding.Path.Select(AttributeName)) + " = ";
            // nixfmt keeps a plain string beside `=` however long, but moves one with interpolations
            // to its own, deeper line when it does not fit (Pretty.hs absorbRHS: only simple strings absorb).
            if (binding.Value is NixString { Parts: var parts } text && parts.Any(part => part is NixInterpolation)
                && FlatString(text) is { } flat && prefix.Length + flat.Length + 1 > LineWidth)
            {
                builder.Append(Pad(level)).Append(prefix.TrimEnd()).Append('\n').Append(Pad(level + 1)).Append(flat).Append(";\n");
                continue;
            }
            builder.Append(Pad(level)).Append(prefix).Append(RenderValue(binding.Value, level, prefix.Length + 1)).Append(";\n");
        }
        return builder.ToString();
    }

    // The right-hand side of a binding; `used` counts the columns already taken on the line, the `;` included.
    private static string RenderValue(NixExpr value, int level, int used) => value switch
    {
        NixList list => RenderList(list, level, LineWidth - used),
        NixConcat concat => RenderConcat(concat, level, used),
        NixApply apply => RenderApply(apply, level, used),
        _ => RenderBlock(value, level),
    };

    private static string RenderList(NixList list, int level, int room)
    {
        if (list.Items.Count == 0)
        {
            return "[ ]";
        }
        if (list.Items.Count == 1 && Flat(list) is { } flat && flat.Length <= room)
        {
            return flat;
        }
        var builder = new StringBuilder("[\n");
        foreach (var item in list.Items)
        {
            builder.Append(Pad(level + 1)).Append(RenderListItem(item, level + 1)).Append('\n');
        }
        return builder.Append(Pad(level)).Append(']').ToString();
    }

    private static string RenderListItem(NixExpr item, int level) => item switch
    {
        NixAttrSet or NixList or NixIndentedString => RenderBlock(item, level),
        _ when NeedsParentheses(item) => "(" + (Flat(item) ?? throw Unsupported(item)) + ")",
        _ => Flat(item) ?? throw Unsupported(item),
    };

    private static string RenderConcat(NixConcat concat, int level, int used)
    {
        if (Flat(concat) is { } flat && used + flat.Length <= LineWidth)
        {
            return flat;
        }
        var builder = new StringBuilder();
        for (var i = 0; i < concat.Operands.Count; i++)
        {
            var operand = concat.Operands[i];
            if (i == 0)
            {
                // The first operand of a binding's chain is absorbed; a list is expanded so the chain reads vertically.
                builder.Append(operand is NixList list ? RenderExpandedList(list, level) : RenderOperand(operand, level, used));
                continue;
            }
            builder.Append('\n').Append(Pad(level)).Append("++ ").Append(RenderOperand(operand, level, 3));
        }
        return builder.ToString();
    }

    private static string RenderExpandedList(NixList list, int level) =>
        list.Items.Count == 0 ? "[ ]" : RenderList(list, level, room: -1);

    private static string RenderOperand(NixExpr operand, int level, int used) => operand switch
    {
        NixApply apply => RenderApply(apply, level, used),
        NixList list => RenderList(list, level, LineWidth - used),
        _ when NeedsParentheses(operand) => "(" + (Flat(operand) ?? throw Unsupported(operand)) + ")",
        _ => RenderBlock(operand, level),
    };

    // An application stays on one line when it fits; otherwise its last argument, if absorbable, opens the block.
    private static string RenderApply(NixApply apply, int level, int used)
    {
        if (Flat(apply) is { } flat && used + flat.Length <= LineWidth)
        {
            return flat;
        }
        var last = apply.Arguments[^1];
        var head = Flat(apply with { Arguments = apply.Arguments.Take(apply.Arguments.Count - 1).ToArray() });
        if (head is not null && IsAbsorbable(last) && used + head.Length + 2 <= LineWidth)
        {
            return head + " " + (last is NixList list ? RenderExpandedList(list, level) : RenderBlock(last, level));
        }
        throw Unsupported(apply);
    }

    private static string RenderIndentedString(NixIndentedString text, int level)
    {
        var lines = ProtectWhitespace(SplitLines(text.Parts));
        if (lines.Count == 1)
        {
            return "''" + RenderIndentedLine(lines[0], endsString: true) + "''";
        }
        var builder = new StringBuilder("''\n");
        for (var i = 0; i < lines.Count; i++)
        {
            var isLast = i == lines.Count - 1;
            var line = RenderIndentedLine(lines[i], endsString: isLast);
            if (line.Length > 0)
            {
                builder.Append(Pad(level + 1)).Append(line);
            }
            else if (isLast)
            {
                builder.Append(Pad(level));
            }
            if (!isLast)
            {
                builder.Append('\n');
            }
        }
        return builder.Append("''").ToString();
    }

    /// <summary>
    /// Nix strips the indentation common to all non-blank lines and empties lines of only whitespace.
    /// Where the text itself would lose whitespace that way, that whitespace is written as an
    /// interpolated string, which Nix neither strips nor counts as indentation.
    /// </summary>
    private static List<List<NixStringPart>> ProtectWhitespace(List<List<NixStringPart>> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Count > 0 && IsBlank(lines[i]))
            {
                lines[i] = [new NixInterpolation(new NixString(string.Concat(lines[i].OfType<NixText>().Select(t => t.Text))))];
            }
        }
        var contentLines = lines.Where(line => line.Count > 0).ToList();
        if (contentLines.Count > 0 && contentLines.All(StartsWithWhitespace))
        {
            var first = contentLines[0];
            lines[lines.IndexOf(first)] = InterpolateLeadingWhitespace(first);
        }
        return lines;
    }

    private static bool IsBlank(List<NixStringPart> line) =>
        line.All(part => part is NixText text && text.Text.All(c => c is ' ' or '\t'));

    private static bool StartsWithWhitespace(List<NixStringPart> line) =>
        line.Count > 0 && line[0] is NixText { Text: [' ' or '\t', ..] };

    private static List<NixStringPart> InterpolateLeadingWhitespace(List<NixStringPart> line)
    {
        var text = ((NixText)line[0]).Text;
        var whitespace = text.Length - text.TrimStart(' ', '\t').Length;
        var rest = text[whitespace..];
        return
        [
            new NixInterpolation(new NixString(text[..whitespace])),
            .. rest.Length > 0 ? [new NixText(rest)] : Array.Empty<NixStringPart>(),
            .. line.Skip(1),
        ];
    }

    private static string RenderIndentedLine(IReadOnlyList<NixStringPart> parts, bool endsString)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < parts.Count; i++)
        {
            builder.Append(parts[i] switch
            {
                NixText text => NixStringEscaper.IndentedLine(text.Text, endsString && i == parts.Count - 1),
                NixInterpolation interpolation => "${" + (Flat(interpolation.Expression) ?? throw Unsupported(interpolation.Expression)) + "}",
                _ => throw new ArgumentOutOfRangeException(nameof(parts)),
            });
        }
        return builder.ToString();
    }

    // Splits string parts at newlines inside text parts; interpolations never span lines here.
    private static List<List<NixStringPart>> SplitLines(IReadOnlyList<NixStringPart> parts)
    {
        var lines = new List<List<NixStringPart>> { new() };
        foreach (var part in parts)
        {
            if (part is NixText text)
            {
                var pieces = text.Text.Split('\n');
                for (var i = 0; i < pieces.Length; i++)
                {
                    if (i > 0)
                    {
                        lines.Add([]);
                    }
                    if (pieces[i].Length > 0)
                    {
                        lines[^1].Add(new NixText(pieces[i]));
                    }
                }
            }
            else
            {
                lines[^1].Add(part);
            }
        }
        return lines;
    }

    /// <summary>The single-line form, or null where nixfmt would never print the expression on one line.</summary>
    private static string? Flat(NixExpr expression) => expression switch
    {
        NixReference reference => string.Join('.', reference.Path),
        NixPath path => "./" + path.FileName,
        NixBool boolean => boolean.Value ? "true" : "false",
        NixInt integer => integer.Value < 0 ? $"({integer.Value})" : integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NixString text => FlatString(text),
        NixIndentedString text when SplitLines(text.Parts).Count == 1 => RenderIndentedString(text, 0),
        NixList { Items.Count: 0 } => "[ ]",
        NixList { Items.Count: 1 } list => FlatListItem(list.Items[0]) is { } item ? $"[ {item} ]" : null,
        NixAttrSet { Bindings.Count: 0 } => "{ }",
        NixApply apply => FlatApply(apply),
        NixNot not => FlatListItem(not.Operand) is { } operand ? "!" + operand : null,
        NixConcat concat => FlatAll(concat.Operands, " ++ ", FlatOperand),
        NixWith with when Flat(with.Scope) is { } scope && Flat(with.Body) is { } body => $"with {scope}; {body}",
        _ => null,
    };

    private static string? FlatString(NixString text)
    {
        var builder = new StringBuilder("\"");
        foreach (var part in text.Parts)
        {
            switch (part)
            {
                case NixText literal:
                    builder.Append(NixStringEscaper.DoubleQuoted(literal.Text));
                    break;
                case NixInterpolation interpolation:
                    if (Flat(interpolation.Expression) is not { } inner)
                    {
                        return null;
                    }
                    builder.Append("${").Append(inner).Append('}');
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    private static string? FlatApply(NixApply apply)
    {
        var function = NeedsParentheses(apply.Function) && apply.Function is not NixApply ? null : Flat(apply.Function);
        return function is null ? null : FlatAll([.. apply.Arguments], " ", FlatListItem) is { } arguments
            ? apply.Arguments.Count == 0 ? function : function + " " + arguments
            : null;
    }

    // List items and function arguments share one rule: anything but a term is parenthesised.
    private static string? FlatListItem(NixExpr item) =>
        NeedsParentheses(item) ? Flat(item) is { } inner ? "(" + inner + ")" : null : Flat(item);

    private static string? FlatOperand(NixExpr operand) =>
        operand is NixConcat or NixWith or NixLet or NixFunction ? Flat(operand) is { } inner ? "(" + inner + ")" : null : Flat(operand);

    private static string? FlatAll(IReadOnlyList<NixExpr> expressions, string separator, Func<NixExpr, string?> flat)
    {
        var parts = new List<string>(expressions.Count);
        foreach (var expression in expressions)
        {
            if (flat(expression) is not { } part)
            {
                return null;
            }
            parts.Add(part);
        }
        return string.Join(separator, parts);
    }

    private static bool NeedsParentheses(NixExpr expression) =>
        expression is NixApply or NixConcat or NixWith or NixLet or NixFunction or NixNot || expression is NixInt { Value: < 0 };

    private static bool IsAbsorbable(NixExpr expression) => expression switch
    {
        NixAttrSet { Bindings.Count: > 0 } => true,
        NixList { Items.Count: > 0 } => true,
        NixIndentedString text => SplitLines(text.Parts).Count > 1,
        _ => false,
    };

    private static string AttributeName(string name) =>
        NixIdentifiers.IsIdentifier(name) ? name : "\"" + NixStringEscaper.DoubleQuoted(name) + "\"";

    private static string Identifier(string name) =>
        NixIdentifiers.IsIdentifier(name) ? name : throw new ArgumentException($"'{name}' is not a Nix identifier", nameof(name));

    private static string CommentLine(string line) => line.Length == 0 ? "#" : "# " + line;

    private static string Pad(int level) => string.Concat(Enumerable.Repeat(Indent, level));

    private static NotSupportedException Unsupported(NixExpr expression) =>
        new($"The renderer has no nixfmt layout for this {expression.GetType().Name}; keep generated applications short.");
}
