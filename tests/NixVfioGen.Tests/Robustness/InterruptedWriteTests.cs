using NixVfioGen.Tests.Support;

namespace NixVfioGen.Tests.Robustness;

/// <summary>
/// -o and --out-dir against hostile targets and interruptions: links the kernel would not follow,
/// planted temp names, devices and FIFOs, /dev/stdout, readers during a replace, kill -9 at every
/// rename, and parallel writers. Each file is old or new, never missing or partial.
/// </summary>
public class InterruptedWriteTests
{
    private static readonly string[] Module = ["module", "--ids", "1002:67df", "--formatter", "none"];
    private static readonly string[] Both = ["--ids", "1002:67df", "--formatter", "none"];
    private const string Header = "# GPU passthrough host configuration";

    private static bool IsRoot => ExternalTool.Run("id", ["-u"]).Stdout.Trim() == "0";

    [Fact]
    public void A_symlink_another_user_owns_in_a_sticky_world_writable_directory_is_not_followed()
    {
        if (!IsRoot)
        {
            Assert.Skip("needs root to give the link to another user (CI runs as root)");
        }
        using var directory = new TempDirectory();
        var shared = Path.Combine(directory.Path, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));
        var victim = directory.File("secret", "root's file\n");
        File.SetUnixFileMode(victim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = Path.Combine(shared, "vfio.nix");
        File.CreateSymbolicLink(link, victim);
        Assert.Equal(0, ExternalTool.Run("chown", ["-h", "65534:65534", link]).ExitCode);

        CliAssert.RefusedWithOneLine(CliRun.Run([.. Module, "-o", link]), "fs.protected_symlinks");
        Assert.Equal("root's file\n", File.ReadAllText(victim));
        // The caller's own link there is still followed, as the kernel does.
        Assert.Equal(0, ExternalTool.Run("chown", ["-h", "0:0", link]).ExitCode);
        Assert.Equal(0, CliRun.Run([.. Module, "-o", link]).ExitCode);
        Assert.StartsWith(Header, File.ReadAllText(victim));
    }

    [Fact]
    public void A_link_planted_at_a_predictable_temp_name_is_never_written_through()
    {
        using var directory = new TempDirectory();
        var victim = directory.File("victim", "untouched\n");
        var target = Path.Combine(directory.Path, "vfio.nix");
        foreach (var suffix in new[] { "tmp", "old" })
        {
            File.CreateSymbolicLink(Path.Combine(directory.Path, $".vfio.nix.{Environment.ProcessId}.{suffix}"), victim);
        }
        File.WriteAllText(target, "old\n");

        Assert.Equal(0, CliRun.Run([.. Module, "-o", target]).ExitCode);

        Assert.Equal("untouched\n", File.ReadAllText(victim));
        Assert.StartsWith(Header, File.ReadAllText(target));
    }

    [Fact]
    public void A_character_device_is_written_into_not_replaced()
    {
        if (!IsRoot)
        {
            Assert.Skip("needs root to create a device node (CI runs as root)");
        }
        using var directory = new TempDirectory();
        var device = Path.Combine(directory.Path, "null");
        Assert.Equal(0, ExternalTool.Run("mknod", [device, "c", "1", "3"]).ExitCode);

        Assert.Equal(0, CliRun.Run([.. Module, "-o", device]).ExitCode);

        Assert.Equal("character special file", ExternalTool.Run("stat", ["-c", "%F", device]).Stdout.Trim());
        Assert.Single(Directory.GetFileSystemEntries(directory.Path));
    }

    [Fact(Timeout = 10_000)]
    public async Task A_fifo_is_written_into_and_stays_a_fifo()
    {
        using var directory = new TempDirectory();
        var fifo = Path.Combine(directory.Path, "pipe");
        Assert.Equal(0, ExternalTool.Run("mkfifo", [fifo]).ExitCode);
        var reader = Task.Run(() => File.ReadAllText(fifo));

        var result = await Task.Run(() => CliRun.Run([.. Module, "-o", fifo]));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith(Header, await reader);
        Assert.Equal("fifo", ExternalTool.Run("stat", ["-c", "%F", fifo]).Stdout.Trim());
    }

    [Fact]
    public void Output_to_dev_stdout_and_to_a_process_substitution_works()
    {
        var stdout = CliProcess.Bash("\"$0\" module --ids 1002:67df --formatter none -o /dev/stdout");
        Assert.True(stdout.ExitCode == 0, stdout.Stderr);
        Assert.StartsWith(Header, stdout.Stdout);

        var substituted = CliProcess.Bash("\"$0\" module --ids 1002:67df --formatter none -o >(cat)");
        Assert.True(substituted.ExitCode == 0, substituted.Stderr);
        Assert.StartsWith(Header, substituted.Stdout);
    }

    [Fact]
    public async Task A_reader_never_finds_the_file_missing_or_partial_while_it_is_replaced()
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "vfio.nix");
        Assert.Equal(0, CliRun.Run([.. Module, "-o", target]).ExitCode);
        var expected = File.ReadAllText(target);
        var bad = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (File.ReadAllText(target) != expected)
                    {
                        bad++;
                    }
                }
                catch (FileNotFoundException)
                {
                    bad++;
                }
            }
        }, TestContext.Current.CancellationToken);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(0, CliRun.Run([.. Module, "-o", target]).ExitCode);
        }
        await stop.CancelAsync();
        await reader;
        Assert.Equal(0, bad);
    }

    public static TheoryData<string, int> KillPoints => new()
    {
        // -o: one rename; --out-dir: the XML, then the module that refers to it. Index = renames done.
        { "output", 0 }, { "output", 1 },
        { "out-dir", 0 }, { "out-dir", 1 }, { "out-dir", 2 },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public void A_kill_at_any_rename_leaves_each_file_old_or_new_and_the_next_run_cleans_up(string mode, int killAt)
    {
        using var fresh = new TempDirectory();
        using var directory = new TempDirectory();
        string[] Args(string where) => mode == "output" ? [.. Module, "-o", Path.Combine(where, "vfio.nix")] : [.. Both, "--out-dir", where];
        Assert.Equal(0, CliProcess.Run(Args(fresh.Path)).ExitCode);
        var names = Directory.GetFiles(fresh.Path).Select(Path.GetFileName).Order().ToArray();
        foreach (var name in names)
        {
            directory.File(name!, $"old {name}\n");
        }

        var killed = CliProcess.Run(Args(directory.Path), new Dictionary<string, string> { ["NIX_VFIO_GEN_TEST_KILL_AT_RENAME"] = killAt.ToString() });

        Assert.Equal(137, killed.ExitCode);
        foreach (var name in names)
        {
            var text = File.ReadAllText(Path.Combine(directory.Path, name!));
            Assert.True(text == $"old {name}\n" || text == File.ReadAllText(Path.Combine(fresh.Path, name!)), $"{name} after a kill before rename {killAt}: neither old nor new");
        }
        Assert.Equal(0, CliProcess.Run(Args(directory.Path)).ExitCode);
        Assert.Equal(names, Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName).Order().ToArray());
    }

    [Fact]
    public void Parallel_writers_each_succeed_and_leave_one_complete_file()
    {
        using var directory = new TempDirectory();
        var target = Path.Combine(directory.Path, "vfio.nix");
        var results = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8)
            .Select(_ => CliProcess.Run([.. Module, "-o", target])).ToArray();
        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Stderr));
        Assert.StartsWith(Header, File.ReadAllText(target));
        Assert.Equal(["vfio.nix"], Directory.GetFileSystemEntries(directory.Path).Select(Path.GetFileName));
    }
}
