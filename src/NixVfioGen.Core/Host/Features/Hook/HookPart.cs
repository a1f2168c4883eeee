using NixVfioGen.Shell;

namespace NixVfioGen.Host.Features.Hook;

/// <summary>
/// One concern of the VM's libvirt hook: the tools it runs, the definitions it needs, and its lines for
/// <c>prepare begin</c> (before QEMU starts) and <c>release end</c> (after the VM has stopped and libvirt has
/// given its hostdevs back). <see cref="VmHook"/> joins the parts into one script.
/// </summary>
/// <param name="Tools">The programs its lines run, by store path.</param>
/// <param name="Prelude">Definitions before the dispatch on the operation.</param>
/// <param name="Begin">Lines for prepare begin.</param>
/// <param name="End">Lines for release end.</param>
/// <param name="ReadsHost">Whether its lines read the host's tree through <c>$root</c> and <c>$sys</c>.</param>
public sealed record HookPart(IReadOnlyList<ShellTool> Tools, IReadOnlyList<string> Prelude, IReadOnlyList<string> Begin, IReadOnlyList<string> End,
    bool ReadsHost = true);
