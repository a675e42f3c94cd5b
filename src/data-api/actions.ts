/** Runs one validated Data API action against MongoDB and shapes the success response. */
import type { Document, MongoClient } from 'mongodb';
import { DataApiError } from './errors.js';
import { MAX_DOCUMENTS, type ActionRequest } from './schemas.js';

export interface ActionResult {
  status: number;
  body: Document;
}

export interface ActionOptions {
  /**
   * The client wants canonical EJSON back: read values without promoting them to JS numbers so
   * Int32 / Int64 / Double keep their exact types in the response.
   */
  canonical: boolean;
}

function updateResult(result: { matchedCount: number; modifiedCount: number; upsertedCount: number; upsertedId: unknown }): Document {
  const body: Document = { matchedCount: result.matchedCount, modifiedCount: result.modifiedCount };
  if (result.upsertedCount > 0 && result.upsertedId !== null && result.upsertedId !== undefined) body['upsertedId'] = result.upsertedId;
  return body;
}

export async function runAction(client: MongoClient, request: ActionRequest, options: ActionOptions): Promise<ActionResult> {
  const collection = client.db(request.body.database).collection(request.body.collection);
  const read = { promoteValues: !options.canonical, bsonRegExp: true };
  switch (request.action) {
    case 'findOne': {
      const { filter = {}, projection } = request.body;
      const document = await collection.findOne(filter, { ...read, ...(projection ? { projection } : {}) });
      return { status: 200, body: { document } };
    }
    case 'find': {
      const { filter = {}, projection, sort, limit, skip } = request.body;
      const cursor = collection.find(filter, {
        ...read,
        ...(projection ? { projection } : {}),
        ...(sort ? { sort } : {}),
        ...(skip ? { skip } : {}),
        limit: limit === undefined || limit === 0 ? MAX_DOCUMENTS : Math.min(limit, MAX_DOCUMENTS),
      });
      return { status: 200, body: { documents: await cursor.toArray() } };
    }
    case 'insertOne': {
      const result = await collection.insertOne(request.body.document);
      return { status: 201, body: { insertedId: result.insertedId } };
    }
    case 'insertMany': {
      const { documents } = request.body;
      const result = await collection.insertMany(documents);
      return { status: 201, body: { insertedIds: documents.map((_, index) => result.insertedIds[index]) } };
    }
    case 'updateOne':
    case 'updateMany': {
      const { filter, update, upsert = false } = request.body;
      const result =
        request.action === 'updateOne'
          ? await collection.updateOne(filter, update, { upsert })
          : await collection.updateMany(filter, update, { upsert });
      return { status: 200, body: updateResult(result) };
    }
    case 'replaceOne': {
      const { filter, replacement, upsert = false } = request.body;
      return { status: 200, body: updateResult(await collection.replaceOne(filter, replacement, { upsert })) };
    }
    case 'deleteOne':
    case 'deleteMany': {
      const { filter } = request.body;
      const result = request.action === 'deleteOne' ? await collection.deleteOne(filter) : await collection.deleteMany(filter);
      return { status: 200, body: { deletedCount: result.deletedCount } };
    }
    case 'aggregate': {
      const documents: Document[] = [];
      // Leaving the loop early (the throw) closes the cursor on the server.
      for await (const document of collection.aggregate(request.body.pipeline, read)) {
        if (documents.length === MAX_DOCUMENTS) {
          throw new DataApiError(400, 'InvalidParameter', `aggregate returned more than ${MAX_DOCUMENTS} documents; add a $limit stage`);
        }
        documents.push(document);
      }
      return { status: 200, body: { documents } };
    }
  }
}
