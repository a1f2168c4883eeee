using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Packaging;

/// <summary>The committed examples are what the generator prints today (the flake's example-snapshot check relies on it).</summary>
public class ExampleTests
{
    [Fact]
    public void The_example_module_is_current()
    {
        var result = CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--platform", "amd", "--user", "alice", "--formatter", "none"]);
        Assert.Equal(File.ReadAllText(Repository.PathOf("examples/vfio.nix")), result.Stdout);
    }

    [Fact]
    public void The_example_domain_is_current_and_accepted_by_libvirt()
    {
        var result = CliRun.Run(["domain", "--pci", "0000:23:00.0,0000:23:00.1", "--platform", "amd"]);
        Assert.Equal(File.ReadAllText(Repository.PathOf("examples/win11.xml")), result.Stdout);
        Libvirt.AssertAccepted(result.Stdout);
    }
}
