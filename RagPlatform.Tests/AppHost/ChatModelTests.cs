namespace RagPlatform.Tests.AppHost;

public class ChatModelTests
{
    [Fact]
    public async Task WithoutAChatModelTheApiGetsNoChatSettings()
    {
        await using var model = await AppHostModel.CreateAsync("Infrastructure:Mode=native");

        var env = await model.EnvironmentOf("api");

        Assert.DoesNotContain(env.Keys, key => key.StartsWith("Chat__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfiguredOllamaModelReachesTheApi()
    {
        await using var model = await AppHostModel.CreateAsync(
            "Infrastructure:Mode=native", "Chat:Provider=ollama", "Chat:Endpoint=http://localhost:11434", "Chat:Model=llama3.2");

        var env = await model.EnvironmentOf("api");

        Assert.Equal("ollama", env["Chat__Provider"]);
        Assert.Equal("http://localhost:11434", env["Chat__Endpoint"]);
        Assert.Equal("llama3.2", env["Chat__Model"]);
    }

    [Fact]
    public async Task AnOpenAiModelTakesItsKeyFromASecretParameter()
    {
        await using var model = await AppHostModel.CreateAsync(
            "Infrastructure:Mode=native", "Chat:Provider=openai", "Chat:Model=gpt-4o-mini", "Parameters:chat-apikey=sk-test");

        var env = await model.EnvironmentOf("api");

        Assert.Equal("openai", env["Chat__Provider"]);
        Assert.Equal("{chat-apikey.value}", env["Chat__ApiKey"]);
        var parameter = Assert.IsType<Aspire.Hosting.ApplicationModel.ParameterResource>(model.Get<Aspire.Hosting.ApplicationModel.IResource>("chat-apikey"));
        Assert.True(parameter.Secret);
    }
}
