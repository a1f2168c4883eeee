using NixVfioGen.Model;

namespace NixVfioGen.Tests.Model;

public class ScalarOptionTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("_svc")]
    [InlineData("user-01")]
    [InlineData("alice.smith")]
    [InlineData("Alice")]
    [InlineData("1user")]
    [InlineData("abcdefghijklmnopqrstuvwxyz01234")]
    public void Accepts_linux_user_names(string name) => Assert.Equal(name, UserName.Parse(name).Value);

    [Theory]
    [InlineData("")]
    [InlineData("-alice")]
    [InlineData("machine$")]
    [InlineData("a\"; b = \"")]
    [InlineData("al ice")]
    [InlineData("a${x}")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void Rejects_anything_else_as_user_name(string name) =>
        Assert.Throws<InvalidInputException>(() => UserName.Parse(name));

    [Theory]
    [InlineData("relative/disk.qcow2")]
    [InlineData("/")]
    [InlineData("/a/../etc/shadow")]
    [InlineData("/a/./b")]
    [InlineData("/a\nb")]
    [InlineData("/a\u0001b")]
    [InlineData("/a\uffffb")]
    public void Rejects_paths_that_are_not_plain_absolute_paths(string path) =>
        Assert.Throws<InvalidInputException>(() => HostPath.Parse(path));

    // Built in code: a lone surrogate would not survive test-data serialisation.
    [Fact]
    public void Rejects_lone_surrogates_in_paths()
    {
        Assert.Throws<InvalidInputException>(() => HostPath.Parse("/a" + '\ud800' + "b"));
        Assert.Throws<InvalidInputException>(() => HostPath.Parse("/a" + '\udc00'));
    }

    [Theory]
    [InlineData("/var/lib/libvirt/images/win11.qcow2")]
    [InlineData("/iso/Win 11 \"x\" & <y> ${z} ''.iso")]
    [InlineData("/emoji/\ud83c\udfae.iso")]
    public void Accepts_any_other_absolute_path(string path) => Assert.Equal(path, HostPath.Parse(path).Value);

    [Theory]
    [InlineData("25.05", true)]
    [InlineData("24.11", true)]
    [InlineData("25.11", false)]
    [InlineData("26.05", false)]
    public void Knows_which_releases_have_the_ovmf_submodule(string release, bool hasOvmf) =>
        Assert.Equal(hasOvmf, NixosRelease.Parse(release).HasOvmfSubmodule);

    [Theory]
    [InlineData("25.06")]
    [InlineData("2511")]
    [InlineData("unstable")]
    [InlineData("22.11")]
    [InlineData("23.05")]
    public void Rejects_unknown_releases(string release) =>
        Assert.Throws<InvalidInputException>(() => NixosRelease.Parse(release));

    [Theory]
    [InlineData("AMD", Platform.Amd)]
    [InlineData("intel", Platform.Intel)]
    [InlineData("auto", Platform.Auto)]
    public void Parses_platforms_case_insensitively(string text, Platform expected) =>
        Assert.Equal(expected, EnumNames.ParsePlatform(text));

    [Fact]
    public void An_unknown_platform_lists_the_choices()
    {
        var error = Assert.Throws<InvalidInputException>(() => EnumNames.ParsePlatform("arm"));
        Assert.Equal("one of auto, amd, intel", error.Expected);
    }

    [Fact]
    public void The_default_uuid_is_the_name_based_uuid_of_the_vm_name()
    {
        // Cross-checked with Python: uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/nix-vfio-gen/domain"), "win11").
        Assert.Equal("4eb85ff5-4555-53f3-8992-10604b3ef6e9", DomainUuid.FromName(DomainName.Parse("win11")).ToString());
        Assert.NotEqual(DomainUuid.FromName(DomainName.Parse("win10")), DomainUuid.FromName(DomainName.Parse("win11")));
    }
}
