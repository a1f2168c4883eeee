using NixVfioGen.Model;

namespace NixVfioGen.Tests.Architecture;

/// <summary>
/// Core's folders (one namespace each) depend on each other in one direction only: a cycle means two
/// folders share knowledge that belongs in a third (as the installed layout once sat in Host, Doctor and
/// Generation at once).
/// </summary>
public sealed class NamespaceCycleTests
{
    private static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Core =
        NamespaceGraph.Of(typeof(HostOptions).Assembly, "NixVfioGen");

    [Fact]
    public void Cores_folders_form_no_cycle()
    {
        var cycles = NamespaceGraph.Cycles(Core);
        Assert.True(cycles.Count == 0, "namespaces that use each other: " + string.Join("; ", cycles.Select(cycle => string.Join(" <-> ", cycle))));
    }

    [Fact]
    public void The_graph_sees_uses_made_only_inside_method_bodies()
    {
        // Doctor names LibvirtSystem only in method bodies (no field, parameter or return type of it).
        Assert.Contains("Host", Core["Doctor"]);
        Assert.Contains("Installed", Core["Doctor"]);
        Assert.Contains("Host.Features", Core["Generation"]);
        Assert.DoesNotContain("Doctor", Core["Model"]);
    }

    [Fact]
    public void A_cycle_through_three_namespaces_is_found()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A", "D" },
            ["D"] = new HashSet<string>(),
        };
        Assert.Equal([["A", "B", "C"]], NamespaceGraph.Cycles(graph));
    }

    [Fact]
    public void A_graph_in_one_direction_has_no_cycle()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B", "C" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string>(),
        };
        Assert.Empty(NamespaceGraph.Cycles(graph));
    }
}
