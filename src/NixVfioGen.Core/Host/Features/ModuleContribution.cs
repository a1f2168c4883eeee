using NixVfioGen.Nix;

namespace NixVfioGen.Host.Features;

/// <summary>
/// What one feature adds to the host module: bindings of the module's set, and names its <c>let</c>
/// defines for them. Features never look at each other; <see cref="NixMerge"/> joins them.
/// </summary>
public sealed record ModuleContribution(IReadOnlyList<NixBinding> Bindings, IReadOnlyList<NixBinding> Let)
{
    /// <summary>Lines for the file's header comment, after the host's own next steps.</summary>
    public IReadOnlyList<string> NextSteps { get; init; } = [];

    public static ModuleContribution None { get; } = new([], []);

    public static implicit operator ModuleContribution(NixBinding[] bindings) => new(bindings, []);
}
