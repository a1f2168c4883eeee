using NixVfioGen.Model;

namespace NixVfioGen.Tests.Host;

/// <summary>The host module matrix: platform × Looking Glass × release × early binding × user, pairwise plus corners.</summary>
public static class ModuleCases
{
    private static readonly IReadOnlyList<PciId> RX480 = PciId.ParseList("1002:67df,1002:aaf0");

    public static HostOptions Case(string name) => All[name];

    public static IReadOnlyDictionary<string, HostOptions> All { get; } = Build();

    public static TheoryData<string> Names => new(All.Keys);

    private static Dictionary<string, HostOptions> Build()
    {
        var cases = new Dictionary<string, HostOptions>();
        var platforms = new[] { Platform.Auto, Platform.Amd, Platform.Intel };
        var modes = new[] { LookingGlassMode.Shm, LookingGlassMode.Kvmfr, LookingGlassMode.None };
        // null: no --nixos, the release read when the module is evaluated.
        var releases = new[] { NixosRelease.Parse("25.05"), null };
        var index = 0;
        foreach (var platform in platforms)
        {
            foreach (var mode in modes)
            {
                // Alternate the remaining factors so each value meets each platform and mode.
                var release = releases[index % 2];
                var early = index % 3 != 2;
                var user = index % 2 == 0 ? UserName.Parse("alice") : null;
                Add(cases, HostOptions.ForIds(RX480) with
                {
                    Platform = platform,
                    LookingGlass = LookingGlass.For(mode, ShmemSize.ForResolution(Resolution.Default)),
                    Release = release,
                    EarlyBinding = early,
                    User = user,
                });
                index++;
            }
        }
        Add(cases, HostOptions.ForIds(RX480));
        Add(cases, HostOptions.ForIds(RX480) with { Release = NixosRelease.Parse("26.05"), User = UserName.Parse("bob") });
        Add(cases, HostOptions.ForIds(RX480) with { IgnoreMsrs = false, Platform = Platform.Intel });
        Add(cases, HostOptions.ForIds(PciId.ParseList("10de:2484,10de:228b,10de:1aec,10de:1aed")) with
        {
            Platform = Platform.Intel,
            LookingGlass = new LookingGlass.KvmfrDevice(ShmemSize.ForResolution(Resolution.Parse("3840x2160"))),
            Release = NixosRelease.Parse("24.11"),
            User = UserName.Parse("gamer"),
        });
        Add(cases, HostOptions.ForIds(RX480) with
        {
            Platform = Platform.Amd,
            LookingGlass = LookingGlass.For(LookingGlassMode.Kvmfr, ShmemSize.ForResolution(Resolution.Default)),
            EarlyBinding = false,
            Release = NixosRelease.Parse("25.05"),
        });
        Add(cases, HostOptions.ForIds(RX480) with
        {
            Platform = Platform.Amd,
            LookingGlass = new LookingGlass.SharedMemoryFile(ShmemSize.ForResolution(Resolution.Parse("2560x1440"))),
            User = UserName.Parse("carol"),
        });
        Add(cases, HostOptions.ForIds(RX480) with
        {
            Platform = Platform.Intel,
            LookingGlass = new LookingGlass.Off(),
            Release = NixosRelease.Parse("26.05"),
            User = UserName.Parse("dave"),
        });
        Add(cases, HostOptions.ForIds(PciId.ParseList("10de:1b80")) with
        {
            Platform = Platform.Auto,
            LookingGlass = new LookingGlass.SharedMemoryFile(ShmemSize.Parse("256")),
            EarlyBinding = false,
            Release = NixosRelease.Parse("24.11"),
        });
        Add(cases, HostOptions.ForIds(RX480) with { BindAt = BindAt.Specialisation, User = UserName.Parse("erin") });
        return cases;
    }

    private static void Add(Dictionary<string, HostOptions> cases, HostOptions options)
    {
        var name = string.Join('_',
            options.Platform.Name(),
            options.LookingGlass.Mode.Name() + (options.LookingGlass switch { LookingGlass.SharedMemoryFile file => file.Size.MiB.ToString(), LookingGlass.KvmfrDevice device => device.Size.MiB.ToString(), _ => "" }),
            "nixos" + (options.Release?.ToString() ?? "auto"),
            options.EarlyBinding ? "early" : "late",
            options.IgnoreMsrs ? "msrs" : "nomsrs",
            options.User?.Value ?? "nouser",
            (options.BindAt == BindAt.Boot ? "" : EnumNames.BindAtSpelling.Name(options.BindAt) + "_") + options.Ids.Count + "ids");
        cases.Add(name, options);
    }
}
