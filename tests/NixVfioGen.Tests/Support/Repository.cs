namespace NixVfioGen.Tests.Support;

/// <summary>The checkout the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "NixVfioGen.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("NixVfioGen.sln not found above " + AppContext.BaseDirectory);
    }
}
