using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Doctor;

/// <summary>A virsh on a PATH of its own that answers uri, net-info default and domstate as told.</summary>
internal sealed class FakeVirsh : IDisposable
{
    private readonly TempDirectory directory = new();

    /// <param name="reachable">Whether the daemon answers at all.</param>
    /// <param name="network">net-info's Active and Autostart, or null: no network named default.</param>
    /// <param name="domainState">domstate's answer, or null: no such domain.</param>
    /// <param name="secureFirmware">Whether domcapabilities lists a Secure Boot loader.</param>
    /// <param name="diskSource">The source of the domain's disk device in domblklist.</param>
    public FakeVirsh(bool reachable = true, (bool Active, bool Autostart)? network = null, string? domainState = "shut off", bool defaultNetwork = true,
        string diskSource = "/var/lib/libvirt/images/win11.qcow2", bool secureFirmware = true)
    {
        var info = network ?? (true, true);
        var script = $$"""
            #!/bin/sh
            # Arguments: -c URI SUBCOMMAND [NAME]
            {{(reachable ? "" : "echo 'error: failed to connect to the hypervisor' >&2; exit 1")}}
            case "$3" in
              uri) echo "$2" ;;
              net-info)
                {{(defaultNetwork ? "" : "echo \"error: failed to get network '$4'\" >&2; exit 1")}}
                printf 'Name:           default\nUUID:           3a9b6e02-0000-4000-8000-000000000000\nActive:         %s\nPersistent:     yes\nAutostart:      %s\nBridge:         virbr0\n' {{(info.Active ? "yes" : "no")}} {{(info.Autostart ? "yes" : "no")}} ;;
              domstate)
                {{(domainState is null ? "echo \"error: failed to get domain '$4'\" >&2; exit 1" : $"echo '{domainState}'; echo")}} ;;
              domblklist)
                printf ' Type   Device   Target   Source\n------------------------------------------------------------\n'
                printf ' file   disk     vda      %s\n' '{{diskSource}}'
                printf ' file   cdrom    sdb      -\n\n' ;;
              domcapabilities)
                echo "<domainCapabilities><os supported='yes'><enum name='firmware'><value>efi</value></enum>"
                echo "<loader supported='yes'><value>/run/qemu/edk2-x86_64-code.fd</value><enum name='secure'>{{(secureFirmware ? "<value>yes</value>" : "")}}<value>no</value></enum></loader></os></domainCapabilities>" ;;
              *) echo "unexpected: $*" >&2; exit 9 ;;
            esac
            """;
        var path = directory.File("virsh", script.Replace("\r", ""));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // A script just written can briefly be "text file busy" while another test thread forks
        // (the child holds the write descriptor until its exec); wait until it runs.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                ExternalTool.Run(path, ["-c", "test:///default", "uri"]);
                return;
            }
            catch (System.ComponentModel.Win32Exception) when (attempt < 50)
            {
                Thread.Sleep(20);
            }
        }
    }

    public string Path => directory.Path;

    public void Dispose() => directory.Dispose();
}
