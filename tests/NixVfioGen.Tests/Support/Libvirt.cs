namespace NixVfioGen.Tests.Support;

/// <summary>libvirt's own checkers from Debian's libvirt-clients: the RNG schema and the parser behind virsh define.</summary>
internal static class Libvirt
{
    public static void AssertAccepted(string xml)
    {
        ExternalTool.Require("virt-xml-validate", "libvirt-clients");
        ExternalTool.Require("virsh", "libvirt-clients");
        using var directory = new TempDirectory();
        var file = directory.File("domain.xml", xml);
        var schema = ExternalTool.Run("virt-xml-validate", [file, "domain"]);
        Assert.True(schema.ExitCode == 0, "virt-xml-validate rejected the domain: " + schema.Stderr + schema.Stdout);
        var define = ExternalTool.Run("virsh", ["-c", "test:///default", "define", file]);
        Assert.True(define.ExitCode == 0, "virsh define rejected the domain: " + define.Stderr);
    }
}
