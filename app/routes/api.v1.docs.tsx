import { useLoaderData } from '@remix-run/react';
import { openApiDocument } from '#app/modules/api/v1.server';
import { useT } from '#app/utils/use-app';
import { appOrigin } from '#app/utils/env.server';
import { apiMessages } from '#app/modules/api/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.apiDocs', messages: [apiMessages] } satisfies PageHandle;

type Operation = { summary?: string; parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: { type?: string; enum?: string[] } }[]; responses: Record<string, { description: string }> };

/** A readable page made from the same OpenAPI document the clients download. */
export async function loader() {
  const doc = openApiDocument(appOrigin());
  const operations = Object.entries(doc.paths ?? {}).map(([path, item]) => ({ path, operation: (item as { get: Operation }).get }));
  return { title: doc.info.title, description: doc.info.description ?? '', server: doc.servers?.[0]?.url ?? '', operations };
}

export default function ApiDocs() {
  const { title, description, server, operations } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('page.apiDocs')}</h1>
      <p className="lead">{title}. {description}</p>
      <p>
        <a href="/api/v1/openapi.json">openapi.json</a> · {t('apiDocs.base')}: <code>{server}</code>
      </p>
      {operations.map(({ path, operation }) => (
        <section key={path}>
          <h2><code>{`GET ${path}`}</code></h2>
          <p>{operation.summary}</p>
          {operation.parameters?.length ? (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr><th scope="col">{t('apiDocs.parameter')}</th><th scope="col">{t('apiDocs.in')}</th><th scope="col">{t('apiDocs.type')}</th><th scope="col">{t('apiDocs.description')}</th></tr>
                </thead>
                <tbody>
                  {operation.parameters.map((p) => (
                    <tr key={p.name}>
                      <td><code>{p.name}</code>{p.required ? ' *' : ''}</td>
                      <td>{p.in}</td>
                      <td>{p.schema?.enum ? p.schema.enum.join(' | ') : (p.schema?.type ?? '')}</td>
                      <td>{p.description ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <ul>
            {Object.entries(operation.responses).map(([code, r]) => (
              <li key={code}><strong>{code}</strong> — {r.description}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
