using NixVfioGen.Host.Features;
using NixVfioGen.Model;
using NixVfioGen.Host;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;
using Snapshooter.Xunit3;

namespace NixVfioGen.Tests.Host;

/// <summary>--bind-by address: driver_override on exactly the listed functions, in both initrd flavours.</summary>
public class AddressBindingTests
{
    private static readonly HostOptions Options = HostOptions.ForIds(PciId.ParseList("10de:1b80,10de:10f0")) with
    {
        Binding = new GpuBinding.ByAddress(PciAddress.ParseList("0000:01:00.0,0000:01:00.1")),
        User = UserName.Parse("alice"),
    };

    private static string Text => NixRenderer.Render(HostModuleBuilder.Build(Options));

    [Fact]
    public void Module_matches_its_reviewed_snapshot() => Snapshot.Match(Text, "module_bind-by-address");

    [Fact]
    public void No_id_binding_that_would_capture_the_identical_card()
    {
        var module = NixTool.EvaluateModule(Text);
        // No modprobe.d line at all: driver_override keeps other drivers off, and nixpkgs' nvidia softdep stays in effect.
        Assert.False(module.Has("boot.extraModprobeConfig"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exactly_one_initrd_flavour_is_active(bool systemdInitrd)
    {
        var module = NixTool.EvaluateModule(Text, systemdInitrd: systemdInitrd);
        var scripted = module.At("boot.initrd.preDeviceCommands");
        var systemd = module.At("boot.initrd.systemd.services").GetProperty(AddressBinding.SystemdUnit);
        Assert.Equal(!systemdInitrd, scripted.At("condition").GetBoolean());
        Assert.Equal(systemdInitrd, systemd.At("condition").GetBoolean());

        var expected = """
            for dev in 0000:01:00.0 0000:01:00.1; do
              if [ -e "/sys/bus/pci/devices/$dev/driver" ]; then
                echo "$dev" > "/sys/bus/pci/devices/$dev/driver/unbind"
              fi
              echo vfio-pci > "/sys/bus/pci/devices/$dev/driver_override"
              echo "$dev" > /sys/bus/pci/drivers_probe
            done

            """;
        Assert.Equal(expected, scripted.At("content").GetString());
        Assert.Equal(expected, systemd.At("content.script").GetString());
        Assert.Equal(["systemd-udev-trigger.service"], systemd.At("content.before").Strings());
        Assert.False(systemd.At("content.unitConfig.DefaultDependencies").GetBoolean());
    }

    [Fact]
    public void Id_binding_has_no_address_binding_at_all()
    {
        var module = NixTool.EvaluateModule(NixRenderer.Render(HostModuleBuilder.Build(Options with { Binding = new GpuBinding.ByIds() })));
        Assert.False(module.Has("boot.initrd.preDeviceCommands"));
        Assert.False(module.Has("boot.initrd.systemd"));
        Assert.Contains("options vfio-pci ids=10de:1b80,10de:10f0\n", module.At("boot.extraModprobeConfig").GetString());
    }

    // Without --pci it is refused: a row of Cli/CliErrorTests.
    [Fact]
    public void The_cli_takes_address_binding_with_pci() =>
        Assert.Equal(0, CliRun.Run(["module", "--ids", "10de:1b80", "--bind-by", "address", "--pci", "01:00.0"]).ExitCode);

    [Fact]
    public void The_suggested_command_for_identical_gpus_runs_and_binds_by_address()
    {
        var result = CliRun.Run(["--ids", "10de:1b80,10de:10f0", "--pci", "0000:01:00.0,0000:01:00.1", "--bind-by", "address"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("driver_override", result.Stdout);
        Assert.True(NixTool.Parse(result.Stdout).ExitCode == 0);
    }
}
