using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Scripts;

/// <summary>
/// The --isolate hook against a real systemd: a Debian rootfs (built once per machine by test.sh with
/// debootstrap, outside the checkout) booted with systemd-nspawn, a unit that runs the generated hook as
/// libvirt would and reads the slices' AllowedCPUs back from systemd. The rootfs stays as it was
/// (--volatile=overlay keeps every write in memory).
/// </summary>
public class SystemdContainerTests
{
    public const string Rootfs = "/var/cache/nix-vfio-gen-tests/rootfs-bookworm";

    [Fact]
    public void The_isolation_hook_sets_and_resets_allowed_cpus_on_real_slices()
    {
        Assert.SkipUnless(File.Exists(Path.Combine(Rootfs, ".complete")),
            $"no Debian rootfs at {Rootfs}: ./test.sh builds it once per machine with debootstrap (it printed why it could not)");
        Assert.SkipUnless(Environment.UserName == "root", "systemd-nspawn needs root");
        ExternalTool.Require("systemd-nspawn", "systemd-container");

        using var test = new TempDirectory();
        // The hook's store paths, as the container sees the bound directory: ${systemd}/bin/systemctl and so on.
        foreach (var (package, tool) in new[] { ("systemd", "systemctl"), ("util-linux", "logger") })
        {
            Directory.CreateDirectory(Path.Combine(test.Path, "tools", package, "bin"));
            File.CreateSymbolicLink(Path.Combine(test.Path, "tools", package, "bin", tool), "/usr/bin/" + tool);
        }
        // Two CPUs here: the vCPU on CPU 1 leaves the host CPU 0.
        var module = NixTool.EvaluateModule(CliRun.Run(["--ids", "1002:67df", "--pci", "0000:23:00.0", "--vcpu-pin", "1", "--isolate"]).Stdout,
            toolRoot: "/test/tools");
        var hook = module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-win11").GetString()!;
        Executable(test.File("hook.sh", "#!/bin/bash\n" + hook));
        Executable(test.File("run.sh", """
            #!/bin/bash
            exec > /test/out 2>&1
            show() { for unit in init.scope system.slice user.slice; do echo "$1 $unit=$(systemctl show -p AllowedCPUs --value "$unit")"; done; }
            /test/hook.sh win11 prepare begin -
            echo "begin exit $?"
            show running
            systemctl set-property --runtime -- user.slice system.slice init.scope AllowedCPUs=0
            echo "several units exit $?"
            /test/hook.sh win11 release end -
            echo "end exit $?"
            show stopped
            journalctl -q -t nix-vfio-gen -o cat | sed 's/^/journal /'
            systemctl poweroff
            """));
        var unit = test.File("nix-vfio-gen-test.service", "[Unit]\nAfter=multi-user.target\n[Service]\nType=oneshot\nExecStart=/test/run.sh\n");

        var boot = ExternalTool.Run("timeout", ["120", "systemd-nspawn", "--quiet", "--register=no", "--keep-unit", "--volatile=overlay", "-b",
            "-D", Rootfs, $"--bind={test.Path}:/test", $"--bind-ro={unit}:/etc/systemd/system/nix-vfio-gen-test.service",
            "--", "systemd.wants=nix-vfio-gen-test.service"]);
        var output = File.Exists(Path.Combine(test.Path, "out")) ? File.ReadAllLines(Path.Combine(test.Path, "out")) : [];
        Assert.True(output.Length > 0, $"the container ran nothing (exit {boot.ExitCode}): {boot.Stdout}{boot.Stderr}");
        Assert.Equal(
        [
            "begin exit 0",
            "running init.scope=0",
            "running system.slice=0",
            "running user.slice=0",
            // The hook's former call: systemd itself refuses a second unit.
            "Not an assignment: system.slice",
            "several units exit 1",
            "end exit 0",
            "stopped init.scope=",
            "stopped system.slice=",
            "stopped user.slice=",
            "journal win11: host work kept to CPUs 0",
            "journal win11: host work back on all CPUs",
        ], output);
    }

    private static void Executable(string path) => File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
}
