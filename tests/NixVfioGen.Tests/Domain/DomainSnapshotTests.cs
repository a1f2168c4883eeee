using NixVfioGen.Domain;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Domain;

public class DomainSnapshotTests
{
    private static string Xml(string name) => DomainXmlBuilder.Render(DomainXmlBuilder.Build(DomainCases.All[name]));

    [Theory]
    [MemberData(nameof(DomainCases.Names), MemberType = typeof(DomainCases))]
    public void Domain_matches_its_reviewed_snapshot(string name) => Snapshot.Match(Xml(name), "domain_" + name);

    [Theory]
    [MemberData(nameof(DomainCases.Names), MemberType = typeof(DomainCases))]
    public void Domain_is_accepted_by_libvirt(string name) => Libvirt.AssertAccepted(Xml(name));

    [Fact]
    public void The_matrix_has_at_least_twelve_cases() => Assert.True(DomainCases.All.Count >= 12);
}
