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
    public void A_listed_card_gets_the_module_loaded_and_its_reset_method_set_by_udev()
    {
        var module = Evaluate(HostOptions.ForIds(PciId.ParseList("1002:67df,1002:aaf0")));
        Assert.Equal(["/nix/store/stub/vendor-reset"], module.At("boot.extraModulePackages").Strings());
        Assert.Contains("vendor-reset", module.At("boot.kernelModules").Strings());
        var rules = module.At("services.udev.extraRules").GetString()!.TrimEnd('\n').Split('\n');
        // Only the listed function, not the audio function beside it.
        Assert.Equal(["ACTION==\"add\", SUBSYSTEM==\"pci\", ATTR{vendor}==\"0x1002\", ATTR{device}==\"0x67df\", ATTR{reset_method}=\"device_specific\""], rules);
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
