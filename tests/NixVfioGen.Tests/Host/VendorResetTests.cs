using NixVfioGen.Generation;
using NixVfioGen.Host;
using NixVfioGen.Model;
using NixVfioGen.Nix;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Host;

/// <summary>The AMD reset bug: vendor-reset exactly for the cards gnif/vendor-reset lists.</summary>
public class VendorResetTests
{
    private static System.Text.Json.JsonElement Evaluate(HostOptions options) =>
        NixTool.EvaluateModule(NixRenderer.Render(HostModuleBuilder.Build(options)));

    [Theory]
    [InlineData("1002:67df", true)] // Polaris 10, the RX 480 of the seed guide
    [InlineData("1002:73ff", true)] // Navi 23
    [InlineData("1002:738c", true)] // Instinct MI100
    [InlineData("1002:73bf", false)] // Navi 21: not in vendor-reset's list
    [InlineData("1002:aaf0", false)] // an HDMI audio function
    [InlineData("10de:2484", false)] // NVIDIA
    public void The_id_table_is_vendor_resets(string id, bool covered) =>
        Assert.Equal(covered, VendorResetDevices.Covers(PciId.Parse(id)));

    [Fact]
    public void A_listed_card_gets_a_udev_rule_that_loads_vendor_reset_before_it_sets_the_reset_method()
    {
        var module = NixTool.EvaluateModule(NixRenderer.Render(HostModuleBuilder.Build(HostOptions.ForIds(PciId.ParseList("1002:67df,1002:aaf0")))), realFiles: true);
        Assert.Equal(["/nix/store/stub/vendor-reset"], module.At("boot.extraModulePackages").Strings());
        Assert.Contains("vendor-reset", module.At("boot.kernelModules").Strings());
        var (rule, _) = Rule(module);
        // Only the listed function, not the audio function beside it; udev itself writes no attribute, since
        // it would do so before vendor-reset is loaded (gnif/vendor-reset#46, #64).
        Assert.StartsWith("ACTION==\"add\", SUBSYSTEM==\"pci\", ATTR{vendor}==\"0x1002\", ATTR{device}==\"0x67df\", RUN+=\"", rule);
        Assert.DoesNotContain("ATTR{reset_method}", rule);
        Assert.EndsWith(" $sys$devpath\"", rule);
    }

    /// <summary>The rule line and the script its RUN+= names (a store file, as on NixOS).</summary>
    private static (string Rule, string Script) Rule(System.Text.Json.JsonElement module)
    {
        var rule = Assert.Single(module.At("services.udev.extraRules").GetString()!.TrimEnd('\n').Split('\n'));
        var run = rule[(rule.IndexOf("RUN+=\"", StringComparison.Ordinal) + "RUN+=\"".Length)..];
        var program = run[..run.IndexOf(' ', StringComparison.Ordinal)];
        return (rule, File.Exists(program) ? File.ReadAllText(program) : "");
    }

    /// <summary>
    /// The script against a fake /sys where, as in the kernel, reset_method accepts device_specific only
    /// once vendor-reset is loaded (its write goes nowhere before), and a fake modprobe that accepts
    /// exactly "modprobe vendor-reset" and loads it.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_script_loads_vendor_reset_then_writes_device_specific_and_logs_either_way(bool modprobeSucceeds)
    {
        ExternalTool.Require("shellcheck", "shellcheck");
        using var tools = new TempDirectory();
        var sys = Path.Combine(tools.Path, "sys");
        var device = Path.Combine(sys, "devices", "pci0000:00", "0000:00:03.1", "0000:23:00.0");
        Directory.CreateDirectory(device);
        // Dangling until the module is loaded: writing through it fails, as the kernel's "Unsupported reset method".
        File.CreateSymbolicLink(Path.Combine(device, "reset_method"), Path.Combine(sys, "module", "vendor_reset", "accepted"));
        var log = Path.Combine(tools.Path, "calls.log");
        void Tool(string package, string name, string body)
        {
            Directory.CreateDirectory(Path.Combine(tools.Path, package, "bin"));
            var path = tools.File(Path.Combine(package, "bin", name), $"#!/bin/bash\nprintf '%s\\n' \"{name} $*\" >> {log}\n{body}\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Tool("kmod", "modprobe", modprobeSucceeds
            ? $"[ \"$*\" = vendor-reset ] || {{ echo \"modprobe: FATAL: Module $* not found\" >&2; exit 1; }}\n/bin/mkdir -p {sys}/module/vendor_reset"
            : "echo 'modprobe: FATAL: Module vendor-reset not found' >&2; exit 1");
        Tool("util-linux", "logger", "");

        var module = NixTool.EvaluateModule(NixRenderer.Render(HostModuleBuilder.Build(HostOptions.ForIds(PciId.ParseList("1002:67df")))),
            toolRoot: tools.Path, realFiles: true);
        var (_, script) = Rule(module);
        var check = ExternalTool.Run("shellcheck", ["--shell=bash", "--severity=style", "-"], script);
        Assert.True(check.ExitCode == 0, "shellcheck: " + check.Stdout);

        // udev runs RUN+= programs with $sys$devpath substituted and an empty PATH of its own.
        var result = ExternalTool.Run("env", ["-i", "/bin/bash", tools.File("run.sh", script), device]);
        var calls = File.ReadAllLines(log);
        Assert.Equal("modprobe vendor-reset", calls[0]);
        if (modprobeSucceeds)
        {
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal("device_specific\n", File.ReadAllText(Path.Combine(sys, "module", "vendor_reset", "accepted")));
            Assert.Equal($"logger -t nix-vfio-gen -- {device} resets through vendor-reset (reset_method device_specific)", calls[1]);
        }
        else
        {
            Assert.NotEqual(0, result.ExitCode);
            Assert.Equal($"logger -t nix-vfio-gen -- vendor-reset did not load; {device} keeps its own reset method", calls[1]);
        }
        Assert.Equal(2, calls.Length);
    }

    [Fact]
    public void Unlisted_cards_and_reset_quirk_off_get_nothing()
    {
        foreach (var options in new[]
        {
            HostOptions.ForIds(PciId.ParseList("10de:2484,10de:228b")),
            HostOptions.ForIds(PciId.ParseList("1002:67df,1002:aaf0")) with { ResetQuirk = ResetQuirk.Off },
        })
        {
            var module = Evaluate(options);
            Assert.False(module.Has("boot.extraModulePackages"));
            Assert.False(module.Has("services.udev.extraRules"));
            Assert.False(module.Has("boot.kernelModules"));
        }
    }
}
