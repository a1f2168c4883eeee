using System.Text.Json;
using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Host;

/// <summary>
/// --bind-at specialisation and the host's X drivers, through nixpkgs' real lib.evalModules: the vfio entry
/// is evaluated as NixOS does it, the whole configuration plus the entry's own module.
/// </summary>
public class SpecialisationTests
{
    private static (string[] Default, string[] Vfio) VideoDrivers(string ids, string? usersDrivers)
    {
        using var directory = new TempDirectory();
        var module = directory.File("vfio.nix", CliRun.Run(["module", "--ids", ids, "--platform", "amd", "--bind-at", "specialisation"]).Stdout);
        var result = NixTool.EvaluateJson($$"""
            let
              lib = import {{NixTool.LibPath}};
              declarations = import {{NixosOptions.Path}} lib;
              usersOwn = {
                _module.args.pkgs = { qemu_kvm = "qemu"; coreutils = "coreutils"; looking-glass-client = "looking-glass-client"; };
                system.stateVersion = "26.05";
              } // lib.optionalAttrs {{(usersDrivers is null ? "false" : "true")}} { services.xserver.videoDrivers = {{usersDrivers ?? "[ ]"}}; };
              system = modules: (lib.evalModules { inherit modules; }).config;
              default = system [ declarations usersOwn {{module}} ];
              vfio = system [ declarations usersOwn {{module}} default.specialisation.vfio.configuration ];
            in
            { default = default.services.xserver.videoDrivers; vfio = vfio.services.xserver.videoDrivers; }
            """);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var config = JsonDocument.Parse(result.Stdout).RootElement;
        return (config.At("default").Strings(), config.At("vfio").Strings());
    }

    [Fact]
    public void An_nvidia_only_x_falls_back_to_modesetting_in_the_vfio_entry()
    {
        var (defaultEntry, vfioEntry) = VideoDrivers("10de:2484,10de:228b", """[ "nvidia" ]""");
        Assert.Equal(["nvidia"], defaultEntry);
        // NixOS tries the drivers in order: nvidia for a card the host keeps, else modesetting on the other GPU.
        Assert.Equal(["nvidia", "modesetting"], vfioEntry);
    }

    [Fact]
    public void An_amdgpu_only_x_falls_back_the_same_way()
    {
        var (_, vfioEntry) = VideoDrivers("1002:67df,1002:aaf0", """[ "amdgpu" ]""");
        Assert.Equal(["amdgpu", "modesetting"], vfioEntry);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("""[ "nvidia" "modesetting" ]""")]
    public void A_list_with_modesetting_is_left_as_it_is(string? usersDrivers)
    {
        var (defaultEntry, vfioEntry) = VideoDrivers("10de:2484,10de:228b", usersDrivers);
        Assert.Equal(defaultEntry, vfioEntry);
        Assert.Single(vfioEntry, driver => driver == "modesetting");
    }
}
