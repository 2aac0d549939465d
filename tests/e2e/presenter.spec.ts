import { makePdf } from "../setup/pdf-fixtures";
import { demoPassword, expect, logIn, test } from "./fixtures";

test("a delegate who follows the chair is taken to the presented document and page live, and can stop following", async ({ browser, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const request = await playwright.request.newContext({ baseURL });
  await request.post("/login", { form: { username: "thuky1", password: demoPassword }, headers: { origin: baseURL! }, maxRedirects: 0 });
  const sittingId = (await (await request.get("/sittings")).text()).match(/href="\/sittings\/([0-9a-f-]{36})"/)![1];
  const bytes = await makePdf([["Trang một"], ["Trang hai"], ["Trang ba"], ["Trang bốn"]]);
  const uploaded = await request.post(`/sittings/${sittingId}/upload`, {
    headers: { origin: baseURL! },
    multipart: { summary: "Báo cáo trình chiếu", file: { name: "trinh-chieu.pdf", mimeType: "application/pdf", buffer: Buffer.from(bytes) } },
  });
  const versionId = (await uploaded.json()).versionId as string;

  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  const delegateContext = await browser.newContext();
  const delegate = await delegateContext.newPage();
  await logIn(chair, "chutich");
  await logIn(delegate, "daibieu38");

  // The delegate waits on the sitting's page, following.
  await delegate.goto(`/sittings/${sittingId}`);
  const bar = delegate.getByTestId("presentation-bar");
  await expect(bar).toContainText("Chưa có tài liệu nào được trình chiếu.");
  await bar.getByLabel("Theo dõi người trình bày").check();

  // The chair opens the document, presents, and turns to page 3.
  await chair.goto(`/documents/${versionId}`);
  await expect(chair.getByTestId("page-count")).toHaveText("/ 4");
  await chair.getByRole("button", { name: "Trình chiếu cho người dự họp" }).click();
  await expect(chair.getByTestId("presentation-bar")).toContainText("Bạn đang trình chiếu trang 1");
  await chair.getByLabel("Trang", { exact: true }).fill("3");
  await chair.getByLabel("Trang", { exact: true }).press("Enter");
  await expect(chair.getByTestId("presentation-bar")).toContainText("Bạn đang trình chiếu trang 3");

  // The delegate is taken there without touching anything.
  await expect(delegate).toHaveURL(new RegExp(`/documents/${versionId}`));
  await expect(delegate.getByTestId("page-count")).toHaveText("/ 4");
  await expect(delegate.getByLabel("Trang", { exact: true })).toHaveValue("3");
  await expect(delegate.getByTestId("presentation-bar")).toContainText(/đang trình chiếu: .*Báo cáo trình chiếu, trang 3/);

  // Page turns follow live.
  await chair.getByRole("button", { name: "Trang trước" }).click();
  await expect(chair.getByTestId("presentation-bar")).toContainText("Bạn đang trình chiếu trang 2");
  await expect(delegate.getByLabel("Trang", { exact: true })).toHaveValue("2");

  // Once the delegate stops following, the chair's page turns no longer move them.
  await delegate.getByTestId("presentation-bar").getByLabel("Theo dõi người trình bày").uncheck();
  await chair.getByLabel("Trang", { exact: true }).fill("4");
  await chair.getByLabel("Trang", { exact: true }).press("Enter");
  await expect(delegate.getByTestId("presentation-bar")).toContainText("trang 4");
  await expect(delegate.getByLabel("Trang", { exact: true })).toHaveValue("2");

  // The chair stops; the delegate is told.
  await chair.getByRole("button", { name: "Dừng trình chiếu" }).click();
  await expect(delegate.getByTestId("presentation-bar")).toContainText("Chưa có tài liệu nào được trình chiếu.");

  await chairContext.close();
  await delegateContext.close();
  await request.dispose();
});
