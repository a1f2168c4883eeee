using NixVfioGen.Host;
using NixVfioGen.Nix;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Host;

public class HostModuleSnapshotTests
{
    [Theory]
    [MemberData(nameof(ModuleCases.Names), MemberType = typeof(ModuleCases))]
    public void Module_matches_its_reviewed_snapshot(string name) =>
        Snapshot.Match(NixRenderer.Render(HostModuleBuilder.Build(ModuleCases.Case(name))), "module_" + name);

    [Fact]
    public void The_matrix_has_at_least_sixteen_cases() => Assert.True(ModuleCases.All.Count >= 16);
}
