namespace NixVfioGen.Nix;

/// <summary>
/// Joins the bindings that several features contribute, as the NixOS module system would merge
/// their definitions: lists concatenate (a list joins the head of a <c>++</c> chain), lines append,
/// sets merge binding by binding, and a binding below a set's path goes into that set. Anything
/// else at one path is two features disagreeing, a bug, and throws. A binding keeps the place where
/// its path first appeared; an empty list contributes nothing and is dropped if nothing joins it.
/// </summary>
public static class NixMerge
{
    public static IReadOnlyList<NixBinding> Merge(IEnumerable<NixBinding> bindings)
    {
        var merged = new List<NixBinding>();
        foreach (var binding in bindings)
        {
            Add(merged, binding);
        }
        return merged.Where(binding => binding.Value is not NixList { Items.Count: 0 }).ToArray();
    }

    private static void Add(List<NixBinding> merged, NixBinding binding)
    {
        for (var i = 0; i < merged.Count; i++)
        {
            var existing = merged[i];
            if (existing.Path.SequenceEqual(binding.Path))
            {
                merged[i] = new NixBinding(existing.Path, Join(existing, binding), JoinComments(existing.Comment, binding.Comment));
                return;
            }
            if (IsBelow(binding.Path, existing.Path) && existing.Value is NixAttrSet or NixUpdate { Operands: [NixAttrSet, ..] })
            {
                // Into the set itself, or the set that a `//` chain starts from.
                var inner = binding with { Path = binding.Path.Skip(existing.Path.Count).ToArray() };
                merged[i] = existing with { Value = existing.Value switch
                {
                    NixAttrSet set => new NixAttrSet(Merge([.. set.Bindings, inner])),
                    NixUpdate update => new NixUpdate([new NixAttrSet(Merge([.. ((NixAttrSet)update.Operands[0]).Bindings, inner])), .. update.Operands.Skip(1)]),
                    _ => throw Conflict(binding.Path),
                } };
                return;
            }
            if (IsBelow(binding.Path, existing.Path) || IsBelow(existing.Path, binding.Path))
            {
                throw Conflict(binding.Path);
            }
        }
        merged.Add(binding);
    }

    private static NixExpr Join(NixBinding first, NixBinding second) => (first.Value, second.Value) switch
    {
        (NixList a, NixList b) => new NixList([.. a.Items, .. b.Items]),
        (NixList a, NixConcat { Operands: [NixList b, ..] } chain) => new NixConcat([new NixList([.. a.Items, .. b.Items]), .. chain.Operands.Skip(1)]),
        (NixConcat { Operands: [NixList head, ..] } chain, NixList b) => new NixConcat([new NixList([.. head.Items, .. b.Items]), .. chain.Operands.Skip(1)]),
        (NixIndentedString a, NixIndentedString b) => new NixIndentedString([.. a.Parts, .. b.Parts]),
        (NixAttrSet a, NixAttrSet b) => new NixAttrSet(Merge([.. a.Bindings, .. b.Bindings])),
        // An ordered definition (lib.mkBefore) keeps its order only as a definition of its own: lib.mkMerge.
        (NixApply { Function: NixReference { Path: ["lib", "mkMerge"] }, Arguments: [NixList items] }, var b) => MkMerge([.. items.Items, b]),
        (NixApply { Function: NixReference { Path: ["lib", "mkBefore" or "mkAfter"] } } a, NixIndentedString b) => MkMerge([a, b]),
        (NixIndentedString a, NixApply { Function: NixReference { Path: ["lib", "mkBefore" or "mkAfter"] } } b) => MkMerge([a, b]),
        _ => throw Conflict(first.Path),
    };

    private static NixApply MkMerge(IReadOnlyList<NixExpr> definitions) => new(NixReference.Of("lib.mkMerge"), [new NixList(definitions)]);

    private static string? JoinComments(string? first, string? second) =>
        first is null ? second : second is null ? first : first + "\n" + second;

    private static bool IsBelow(IReadOnlyList<string> path, IReadOnlyList<string> prefix) =>
        path.Count > prefix.Count && path.Take(prefix.Count).SequenceEqual(prefix);

    private static InvalidOperationException Conflict(IReadOnlyList<string> path) =>
        new($"two features define {string.Join('.', path)} in ways that do not merge");
}
