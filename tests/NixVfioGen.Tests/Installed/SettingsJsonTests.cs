using System.Collections;
using NixVfioGen.Model;

namespace NixVfioGen.Tests.Installed;

/// <summary>The settings file is the typed record, written and read back without loss.</summary>
public sealed class SettingsJsonTests
{
    // Every field away from Unknown's value, so that a field the JSON dropped or misread shows.
    private static readonly Settings Everything = new()
    {
        Ids = PciId.ParseList("10de:2684,10de:22ba"),
        Pci = PciAddress.ParseList("0000:01:00.0,0000:01:00.1"),
        BindAt = BindAt.VmStart,
        BindBy = BindingMode.Address,
        SingleGpu = true,
        Platform = Platform.Intel,
        KernelParams = ["intel_iommu=on", "iommu=pt"],
        SecureBootKeys = SecureBootKeys.Microsoft,
        SecureBoot = true,
        User = UserName.Parse("alice.smith"),
        LookingGlass = LookingGlassMode.Kvmfr,
        ShmemMiB = 128,
        VendorReset = PciId.ParseList("1002:67df"),
        VmName = DomainName.Parse("gaming-vm"),
        Disk = HostPath.Parse("/srv/vm disks/gaming's.raw"),
        DiskSize = DiskSize.Parse("1T"),
        Isos = [HostPath.Parse("/srv/iso/Win11 ${x}.iso"), HostPath.Parse("/srv/iso/virtio-win.iso")],
        InstallerIso = HostPath.Parse("/srv/iso/Win11 ${x}.iso"),
        GuestLanguage = GuestLanguage.Parse("en-GB"),
    };

    public static TheoryData<string> Fields => new(typeof(Settings).GetProperties().Where(property => property.CanWrite).Select(property => property.Name));

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_field_survives_the_file_and_differs_from_unknown(string field)
    {
        var property = typeof(Settings).GetProperty(field)!;
        var back = SettingsJson.Read(SettingsJson.Write(Everything))!;
        Assert.Equal(Comparable(property.GetValue(Everything)), Comparable(property.GetValue(back)));
        Assert.NotEqual(Comparable(property.GetValue(Settings.Unknown)), Comparable(property.GetValue(Everything)));
    }

    [Fact]
    public void The_table_has_one_member_per_property_in_declaration_order() =>
        Assert.Equal(
            typeof(Settings).GetProperties().Where(property => property.CanWrite).Select(property => char.ToLowerInvariant(property.Name[0]) + property.Name[1..]),
            SettingsJson.Fields.Select(field => field.Name));

    [Theory]
    [InlineData("\"shmemMiB\": 128", "\"shmemMiB\": \"128\"")]
    [InlineData("\"shmemMiB\": 128", "\"shmemMiB\": 1.5")]
    [InlineData("\"singleGpu\": true", "\"singleGpu\": \"true\"")]
    [InlineData("\"vmName\": \"gaming-vm\"", "\"vmName\": 7")]
    [InlineData("\"isos\": [", "\"isos\": {}, \"x\": [")]
    [InlineData("\"bindAt\": \"vm-start\"", "\"bindAt\": null")]
    public void A_member_of_the_wrong_kind_is_not_settings(string member, string wrong)
    {
        var json = SettingsJson.Write(Everything);
        Assert.Contains(member, json);
        Assert.Null(SettingsJson.Read(json.Replace(member, wrong, StringComparison.Ordinal)));
    }

    [Fact]
    public void Optional_members_are_left_out_when_null_and_unknown_members_are_ignored()
    {
        var json = SettingsJson.Write(Settings.Unknown);
        Assert.DoesNotContain("installerIso", json);
        Assert.DoesNotContain("guestLanguage", json);
        Assert.NotNull(SettingsJson.Read(json.Replace("{", "{\n  \"fromANewerGenerator\": [1, 2],", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_file_spells_enums_and_values_as_the_options_do()
    {
        var json = SettingsJson.Write(Everything);
        foreach (var member in new[]
        {
            "\"ids\": [\n    \"10de:2684\",\n    \"10de:22ba\"\n  ]", "\"bindAt\": \"vm-start\"", "\"bindBy\": \"address\"", "\"platform\": \"intel\"",
            "\"secureBootKeys\": \"microsoft\"", "\"lookingGlass\": \"kvmfr\"", "\"vmName\": \"gaming-vm\"",
            "\"disk\": \"/srv/vm disks/gaming's.raw\"", "\"diskSize\": \"1024G\"", "\"isos\": [\n    \"/srv/iso/Win11 ${x}.iso\"",
        })
        {
            Assert.Contains(member, json);
        }
        Assert.Equal(json, SettingsJson.Write(SettingsJson.Read(json)!));
    }

    [Fact]
    public void Unknown_survives_the_file_with_its_nulls()
    {
        var json = SettingsJson.Write(Settings.Unknown);
        Assert.Contains("\"user\": null", json);
        Assert.Equal(json, SettingsJson.Write(SettingsJson.Read(json)!));
    }

    [Theory]
    [InlineData("""{"ids":[]}""")]
    [InlineData("[]")]
    [InlineData("not json")]
    public void A_file_missing_fields_is_not_settings(string json) => Assert.Null(SettingsJson.Read(json));

    [Fact]
    public void A_value_the_generator_never_writes_is_named()
    {
        var json = SettingsJson.Write(Everything).Replace("\"vm-start\"", "\"sometimes\"", StringComparison.Ordinal);
        var error = Assert.Throws<InvalidInputException>(() => SettingsJson.Read(json));
        Assert.Equal("sometimes", error.Value);
    }

    private static object? Comparable(object? value) => value is IEnumerable items and not string
        ? string.Join("|", items.Cast<object>())
        : value;
}
