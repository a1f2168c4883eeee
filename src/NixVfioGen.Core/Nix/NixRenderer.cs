using NixVfioGen.Nix.Layout;

namespace NixVfioGen.Nix;

/// <summary>
/// Turns the syntax tree into nixfmt's document (the rules of NixOS/nixfmt src/Nixfmt/Pretty.hs for
/// the constructs the generator builds, each named after its nixfmt counterpart), which
/// <see cref="DocPrinter"/> lays out. The text is nixfmt's own output for it: running nixfmt over it
/// changes nothing. Every well-formed tree renders; nothing here measures columns.
/// </summary>
public static class NixRenderer
{
    /// <summary>nixfmt's default line width, not counting indentation.</summary>
    public const int LineWidth = 100;

    public static string Render(NixFile file)
    {
        // Room for a generated module at once: growing by chunks and copying the body into the header's
        // builder were a visible share of rendering's allocations (bench/run's third table).
        var text = new System.Text.StringBuilder(16 * 1024);
        foreach (var line in file.HeaderComments.SelectMany(comment => comment.Split('\n')))
        {
            text.Append(CommentLine(line)).Append('\n');
        }
        DocPrinter.PrintInto(Expression(file.Body), LineWidth, text);
        return text.Append('\n').ToString();
    }

    /// <summary>Renders one expression as a file body, without a trailing newline.</summary>
    public static string RenderExpression(NixExpr expression) => DocPrinter.Print(Expression(expression), LineWidth);

    // nixfmt's `instance Pretty Expression`.
    private static Doc Expression(NixExpr expression) => expression switch
    {
        NixFunction function => Function(function),
        NixLet let => Let(let),
        NixWith with => With(with, absorbed: false),
        NixApply apply => Application(apply, Doc.Empty, indentFunction: false, hasPost: false),
        NixConcat concat => Operation("++", concat.Operands, forceFirstTermWide: false),
        NixUpdate update => Operation("//", update.Operands, forceFirstTermWide: false),
        NixNot not => "!" + Operand(not.Operand),
        _ => Term(expression),
    };

    // nixfmt's `instance Pretty Term`: lists are grouped, everything else is prettyTerm.
    private static Doc Term(NixExpr term) => term is NixList ? Doc.Group(PrettyTerm(term)) : PrettyTerm(term);

    private static Doc PrettyTerm(NixExpr term) => term switch
    {
        NixReference reference => string.Join('.', reference.Path),
        NixPath path => "./" + path.FileName,
        NixBool boolean => boolean.Value ? "true" : "false",
        NixInt integer => integer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        NixString text => SimpleString(text),
        NixIndentedString text => IndentedString(text),
        NixList list => List(list),
        NixAttrSet set => Set(set),
        _ => Parenthesized(term),
    };

    /// <summary>Whether an expression is a term (needs no parentheses as a list item or argument).</summary>
    private static bool IsTerm(NixExpr expression) => expression switch
    {
        NixReference or NixPath or NixBool or NixString or NixIndentedString or NixList or NixAttrSet => true,
        NixInt integer => integer.Value >= 0,
        _ => false,
    };

    // A non-term where a term must stand: as a list item, an argument, or the operand of `!`.
    private static Doc Operand(NixExpr expression) => IsTerm(expression) ? Term(expression) : Parenthesized(expression);

    // prettyTerm (Parenthesized …).
    private static Doc Parenthesized(NixExpr expression)
    {
        var inner = expression switch
        {
            _ when IsAbsorbableExpr(expression) => Doc.Group(AbsorbExpr(expression)),
            NixApply apply => Application(apply, Doc.Empty, indentFunction: true, hasPost: true),
            _ => Doc.Break + Doc.Group(Expression(expression)) + Doc.Break,
        };
        return Doc.Group("(" + inner.Nest() + ")");
    }

    // renderList: items one per line unless a single item fits between the brackets.
    private static Doc List(NixList list) => list.Items.Count == 0
        ? "[ ]"
        : "[" + Doc.Line + Doc.Join(Doc.HardLine, list.Items.Select(Operand)).Nest() + Doc.Line + "]";

    // prettySet: the generator's non-empty sets are always expanded, one binding per line.
    private static Doc Set(NixAttrSet set) => set.Bindings.Count == 0
        ? "{ }"
        : "{" + Doc.HardLine + Bindings(set.Bindings).Nest() + Doc.HardLine + "}";

    private static Doc Bindings(IReadOnlyList<NixBinding> bindings) => Doc.Join(Doc.HardLine, bindings.Select(Binding));

    // `instance Pretty Binder`, the Assignment case.
    private static Doc Binding(NixBinding binding)
    {
        var comments = binding.Comment is null
            ? Doc.Empty
            : Doc.Concat(binding.Comment.Split('\n').Select(line => Doc.Text(CommentLine(line)) + Doc.HardLine));
        var selectors = string.Join('.', binding.Path.Select(AttributeName));
        // A short, plain left-hand side keeps the value beside `=`; otherwise a break after `=` is allowed.
        var simple = binding.Path.Count <= 4 && binding.Path.All(NixIdentifiers.IsIdentifier);
        var rhs = simple ? AbsorbRhs(binding.Value) : Doc.Break + Doc.Group(GroupKind.Priority, AbsorbRhs(binding.Value));
        return comments + Doc.Group(selectors + (Doc.HardSpace + "=" + rhs).Nest() + ";");
    }

    // absorbRHS.
    private static Doc AbsorbRhs(NixExpr value) => value switch
    {
        _ when IsAbsorbableExpr(value) => (Doc.HardSpace + Doc.Group(AbsorbExpr(value))).Nest(),
        NixString or NixIndentedString or NixPath => (Doc.HardSpace + Doc.Group(PrettyTerm(value))).Nest(),
        NixApply apply => Application(apply, Doc.Line, indentFunction: false, hasPost: false).Nest(),
        NixConcat or NixUpdate when Chain(value) is var (op, operands) && IsAbsorbableTerm(operands[0]) =>
            Doc.HardSpace + Operation(op, operands, forceFirstTermWide: true),
        NixConcat or NixUpdate when Chain(value) is (var op, [var left, var right]) && IsAbsorbableTerm(right) =>
            Doc.Group(Doc.Line + ConcatOperand(left) + Doc.Line
                + Doc.Group(GroupKind.Transparent, op + Doc.HardSpace + Doc.Group(GroupKind.Priority, PrettyTerm(right)))).Nest(),
        _ when IsTerm(value) => Doc.Group(Doc.Line + Expression(value)).Nest(),
        NixWith => Doc.Group(Doc.Line + Expression(value)).Nest(),
        _ => (Doc.Line + Doc.Group(Expression(value))).Nest(),
    };

    private static bool IsAbsorbableTerm(NixExpr expression) => expression switch
    {
        NixIndentedString text => NixStringEscaper.LineCount(text.Parts) > 1,
        NixAttrSet { Bindings.Count: > 0 } or NixList { Items.Count: > 0 } => true,
        _ => false,
    };

    private static bool IsAbsorbableExpr(NixExpr expression) =>
        IsAbsorbableTerm(expression) || expression is NixWith with && IsAbsorbableTerm(with.Body);

    private static Doc AbsorbExpr(NixExpr expression) => expression switch
    {
        NixWith with when IsAbsorbableTerm(with.Body) => With(with, absorbed: true),
        _ => PrettyTerm(expression),
    };

    // prettyWith.
    private static Doc With(NixWith with, bool absorbed) => absorbed
        ? Doc.Group(Doc.Break + "with" + Doc.HardSpace + Doc.Group(Expression(with.Scope)).Nest() + ";" + Doc.HardSpace
            + Doc.Group(GroupKind.Priority, PrettyTerm(with.Body)))
        : Doc.Group("with" + Doc.HardSpace + Doc.Group(Expression(with.Scope)).Nest() + ";") + Doc.Line + Expression(with.Body);

    private static (string Operator, IReadOnlyList<NixExpr> Operands) Chain(NixExpr chain) => chain switch
    {
        NixConcat concat => ("++", concat.Operands),
        NixUpdate update => ("//", update.Operands),
        _ => throw new ArgumentOutOfRangeException(nameof(chain)),
    };

    // prettyOp for `++` and `//`: the operands of a chain on one level, each after a possible break.
    private static Doc Operation(string op, IReadOnlyList<NixExpr> operands, bool forceFirstTermWide)
    {
        var first = operands[0];
        var parts = new List<Doc>
        {
            forceFirstTermWide && IsAbsorbableTerm(first) ? PrettyTerm(first) : ConcatOperand(first),
        };
        foreach (var operand in operands.Skip(1))
        {
            parts.Add(Doc.Line + op + AbsorbOperation(operand).Nest());
        }
        return Doc.Group(Doc.Concat(parts));
    }

    // Operands that are themselves `++` chains (or looser) keep their parentheses.
    private static Doc ConcatOperand(NixExpr operand) => operand switch
    {
        NixConcat or NixUpdate or NixWith or NixLet or NixFunction or NixNot => Parenthesized(operand),
        _ => Expression(operand),
    };

    private static Doc AbsorbOperation(NixExpr operand) => operand switch
    {
        _ when IsAbsorbableTerm(operand) => Doc.HardSpace + Term(operand),
        NixApply apply => Doc.Group(Doc.HardSpace + Application(apply, Doc.Line, indentFunction: false, hasPost: false)),
        _ => Doc.HardSpace + ConcatOperand(operand),
    };

    // isSimple: short applications of plain terms never break.
    private static bool IsSimple(NixExpr expression) => expression switch
    {
        NixString or NixIndentedString or NixPath or NixReference or NixBool => true,
        NixInt integer => integer.Value >= 0,
        NixApply apply => apply.Arguments.Count <= 2 && IsSimple(apply.Function) && apply.Arguments.All(IsSimple),
        _ => false,
    };

    // prettyApp: the function and all arguments but the last, then the last one absorbed when it can be.
    private static Doc Application(NixApply apply, Doc pre, bool indentFunction, bool hasPost)
    {
        var function = Operand(apply.Function);
        var arguments = apply.Arguments;
        if (arguments.Count == 0)
        {
            return function;
        }
        var post = hasPost ? Doc.Break : Doc.Empty;
        // Two lists last: neither is priority-expanded; if one does not fit, each goes on a line of its own.
        if (arguments is [.., NixList first, NixList second])
        {
            var head = AbsorbApp(function, arguments.Take(arguments.Count - 2).ToArray(), indentFunction);
            return Doc.Group(pre + Doc.Group(GroupKind.Transparent, head)
                + Doc.Line + Doc.Group(Operand(first)).Nest()
                + Doc.Line + Doc.Group(Operand(second)).Nest() + post);
        }
        var last = arguments[^1];
        var renderedHead = pre + Doc.Group(GroupKind.Transparent, AbsorbApp(function, arguments.Take(arguments.Count - 1).ToArray(), indentFunction));
        if (IsSimple(apply) && DocPrinter.Unexpanded(renderedHead) is { } flatHead)
        {
            return Doc.Group(flatHead + Doc.HardSpace + AbsorbLast(last));
        }
        return Doc.Group(renderedHead + Doc.Line + AbsorbLast(last) + post);
    }

    // absorbApp: the function and its leading arguments, each argument a priority group of its own,
    // except selections (a dotted name breaking alone looks odd) and a pair of lists.
    private static Doc AbsorbApp(Doc function, IReadOnlyList<NixExpr> arguments, bool indentFunction)
    {
        if (arguments.Count == 0)
        {
            return indentFunction ? Doc.Group(Doc.Break + function).Nest() : function;
        }
        var argument = arguments[^1];
        if (argument is NixReference { Path.Count: > 1 })
        {
            return Doc.Group(GroupKind.Transparent, AbsorbApp(function, arguments.Take(arguments.Count - 1).ToArray(), indentFunction))
                + Doc.Line + Doc.Group(Operand(argument)).Nest();
        }
        if (arguments is [.., NixList first, NixList second])
        {
            return Doc.Group(GroupKind.Transparent,
                Doc.Group(GroupKind.Transparent, AbsorbApp(function, arguments.Take(arguments.Count - 2).ToArray(), indentFunction))
                + Doc.Group(Doc.Line + Doc.Group(Operand(first)) + Doc.Line + Doc.Group(Operand(second))).Nest());
        }
        return Doc.Group(GroupKind.Transparent, AbsorbApp(function, arguments.Take(arguments.Count - 1).ToArray(), indentFunction))
            + Doc.Line + Doc.Group(GroupKind.Priority, Operand(argument)).Nest();
    }

    private static Doc AbsorbLast(NixExpr argument) => argument switch
    {
        _ when IsAbsorbableTerm(argument) => Doc.Group(GroupKind.Priority, PrettyTerm(argument).Nest()),
        // `(f { … })` with a plain name as the function keeps the set's brace beside it.
        NixApply { Function: NixReference { Path.Count: 1 } function, Arguments: [var body] } when IsAbsorbableTerm(body) =>
            Doc.Group(GroupKind.Priority, ("(" + PrettyTerm(function) + Doc.HardSpace + PrettyTerm(body) + ")").Nest()),
        _ when !IsTerm(argument) => AbsorbParen(argument),
        _ => Doc.Group(Operand(argument).Nest()),
    };

    // absorbParen: a parenthesised last argument opens and closes on the lines around its content.
    private static Doc AbsorbParen(NixExpr expression) =>
        Doc.Group(GroupKind.Priority, ("(" + Doc.Break + Doc.Group(Expression(expression).Nest()) + Doc.Break + ")").Nest());

    private static Doc Function(NixFunction function)
    {
        var formals = function.Formals.Select(Identifier).ToList();
        if (function.Ellipsis)
        {
            formals.Add("...");
        }
        // Up to two formals (and `...`) fit nixfmt's one-line pattern; more are one per line.
        var header = function.Formals.Count <= 2
            ? Doc.Text("{ " + string.Join(", ", formals) + " }:")
            : "{" + Doc.HardLine + Doc.Join(Doc.HardLine, formals.Select(f => Doc.Text(f == "..." ? f : f + ","))).Nest() + Doc.HardLine + "}:";
        return header + Doc.HardLine + Expression(function.Body);
    }

    private static Doc Let(NixLet let) =>
        Doc.Group("let" + Doc.HardLine + Bindings(let.Bindings).Nest()) + Doc.HardLine
        + Doc.Group("in" + Doc.HardLine + Expression(let.Body));

    // prettySimpleString: escapes come from the writer; interpolations stay on the line.
    private static Doc SimpleString(NixString text) => Doc.Group("\"" + Doc.Concat(text.Parts.Select(part => part switch
    {
        NixText literal => Doc.Text(NixStringEscaper.DoubleQuoted(literal.Text)),
        NixInterpolation interpolation => Interpolation(interpolation.Expression),
        _ => throw new ArgumentOutOfRangeException(nameof(text)),
    })) + "\"");

    private static Doc Interpolation(NixExpr expression) =>
        "${" + (IsSimple(expression) && DocPrinter.Unexpanded(Expression(expression)) is { } flat ? flat : Expression(expression)) + "}";

    // prettyIndentedString: `''`, then each line nested one level, then `''` where the text ends.
    private static Doc IndentedString(NixIndentedString text)
    {
        var lines = NixStringEscaper.IndentedLines(text.Parts);
        var body = new List<Doc>(lines.Count * 2);
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
            {
                body.Add(Doc.NewLine);
            }
            var parts = lines[i];
            for (var j = 0; j < parts.Count; j++)
            {
                body.Add(parts[j] switch
                {
                    NixText literal => Doc.Text(NixStringEscaper.IndentedLine(literal.Text, endsString: i == lines.Count - 1 && j == parts.Count - 1)),
                    NixInterpolation interpolation => Interpolation(interpolation.Expression),
                    _ => throw new ArgumentOutOfRangeException(nameof(text)),
                });
            }
        }
        return Doc.Group("''" + (lines.Count > 1 ? Doc.Break : Doc.Empty) + Doc.Concat(body).Nest() + "''");
    }

    private static string AttributeName(string name) =>
        NixIdentifiers.IsIdentifier(name) ? name : "\"" + NixStringEscaper.DoubleQuoted(name) + "\"";

    private static string Identifier(string name) =>
        NixIdentifiers.IsIdentifier(name) ? name : throw new ArgumentException($"'{name}' is not a Nix identifier", nameof(name));

    private static string CommentLine(string line) => line.Length == 0 ? "#" : "# " + line;
}
