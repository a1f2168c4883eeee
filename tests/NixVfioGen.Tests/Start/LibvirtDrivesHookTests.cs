using NixVfioGen.Tests.Scripts;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Start;

/// <summary>
/// A real libvirt daemon calls the generated hook. libvirt looks for hooks only when it starts, in its
/// compile-time hook directory (/etc/libvirt/hooks on Debian, also for a session daemon), so the test installs
/// a uniquely named wrapper there before it starts its own daemon, starts and stops a domain with virsh, checks
/// what the hook did at each call libvirt made, and removes what it installed. The wrapper only points the
/// unmodified hook at a fake host root and grammar-enforcing fake tools (NIX_VFIO_GEN_ROOT, which libvirt's
/// filtered hook environment never carries on a real host); it does nothing once its hook is gone, so a run
/// that dies before cleaning up cannot break another daemon's domains.
/// </summary>
public sealed class LibvirtDrivesHookTests
{
    private const string HookDirectory = "/etc/libvirt/hooks/qemu.d";

    [Fact]
    public void The_daemon_calls_the_single_gpu_and_isolation_hook_at_prepare_and_release()
    {
        Assert.SkipUnless(Environment.UserName == "root", "installing a hook under /etc/libvirt/hooks needs root");
        var vm = "hook-" + Guid.NewGuid().ToString("n")[..8];
        using var tools = new FakeTools();
        tools.Sysfs(("0000:23:00.0", "amdgpu"), ("0000:23:00.1", "snd_hda_intel"));
        tools.Online("0-1");
        var module = NixTool.EvaluateModule(CliRun.Run(["--ids", "1002:67df,1002:aaf0", "--pci", "0000:23:00.0,0000:23:00.1", "--vm-name", vm,
            "--bind-at", "vm-start", "--single-gpu", "--vcpu-pin", "1", "--isolate", "--looking-glass", "none"]).Stdout, toolRoot: tools.Root);
        var hook = Path.Combine(tools.Root, "hook.sh");
        File.WriteAllText(hook, "#!/bin/bash\n" + module.At("virtualisation.libvirtd.hooks.qemu").GetProperty("nix-vfio-gen-" + vm).GetString()!);
        var libvirtCalls = Path.Combine(tools.Root, "libvirt-calls");
        var createdDirectories = new[] { "/etc/libvirt/hooks", HookDirectory }.Where(directory => !Directory.Exists(directory)).ToArray();
        Directory.CreateDirectory(HookDirectory);
        var wrapper = Path.Combine(HookDirectory, "nix-vfio-gen-test-" + vm);
        File.WriteAllText(wrapper, $"""
            #!/bin/bash
            [ -e '{hook}' ] || exit 0
            [ "$1" = '{vm}' ] && printf '%s\n' "$*" >> '{libvirtCalls}'
            NIX_VFIO_GEN_ROOT='{tools.HostRoot}' exec /bin/bash '{hook}' "$@"
            """);
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);
        try
        {
            // The session daemon runs as nobody: the hook and the fakes it runs write their state as that user.
            ExternalTool.Run("chown", ["-R", "65534:65534", tools.Root]);
            using var session = new LibvirtSession();
            Assert.True(session.Missing is null, session.Missing);
            var xml = session.UserFile(vm + ".xml",
                $"<domain type='qemu'><name>{vm}</name><memory unit='MiB'>64</memory><os><type arch='x86_64' machine='q35'>hvm</type></os><devices/></domain>");
            Assert.Equal(0, session.Virsh("define", xml).ExitCode);
            try
            {
                var start = session.Virsh("start", vm);
                Assert.True(start.ExitCode == 0, "start failed: " + start.Stderr);
                Assert.Equal([$"{vm} prepare begin -", $"{vm} start begin -", $"{vm} started begin -"], File.ReadAllLines(libvirtCalls));
                // At prepare begin: the display down, the sessions asked to end, amdgpu kept, host work off CPU 1.
                Assert.Equal(
                [
                    "systemctl stop display-manager.service",
                    "modprobe vfio-pci",
                    "systemctl set-property --runtime init.scope AllowedCPUs=0",
                    "systemctl set-property --runtime system.slice AllowedCPUs=0",
                    "systemctl set-property --runtime user.slice AllowedCPUs=0",
                ], tools.Calls.Where(call => call.StartsWith("systemctl", StringComparison.Ordinal) || call.StartsWith("modprobe", StringComparison.Ordinal)));
                Assert.Contains($"nix-vfio-gen: {vm}: GPU released; libvirt moves it to vfio-pci", tools.Journal);
                Assert.Contains($"nix-vfio-gen: {vm}: host work kept to CPUs 0", tools.Journal);
                Assert.Equal("0", tools.ReadSys("class/vtconsole/vtcon0/bind"));

                Assert.Equal(0, session.Virsh("destroy", vm).ExitCode);
                Assert.Equal([$"{vm} prepare begin -", $"{vm} start begin -", $"{vm} started begin -", $"{vm} stopped end -", $"{vm} release end -"],
                    File.ReadAllLines(libvirtCalls));
                Assert.Equal(
                [
                    "systemctl start display-manager.service",
                    "systemctl set-property --runtime init.scope AllowedCPUs=",
                    "systemctl set-property --runtime system.slice AllowedCPUs=",
                    "systemctl set-property --runtime user.slice AllowedCPUs=",
                ], tools.Calls.SkipWhile(call => !call.Contains("giving the GPU back", StringComparison.Ordinal))
                    .Where(call => call.StartsWith("systemctl", StringComparison.Ordinal) || call.StartsWith("modprobe", StringComparison.Ordinal)));
                Assert.Equal("1", tools.ReadSys("class/vtconsole/vtcon0/bind"));
                Assert.Equal($"nix-vfio-gen: {vm}: host work back on all CPUs", tools.Journal[^1]);
            }
            finally
            {
                session.Virsh("destroy", vm);
                session.Virsh("undefine", vm);
            }
        }
        finally
        {
            File.Delete(wrapper);
            foreach (var directory in createdDirectories.Reverse())
            {
                try
                {
                    Directory.Delete(directory);
                }
                catch (IOException)
                {
                    // Another run's hook is in it: that run removes its own.
                }
            }
        }
    }
}
